// Sticky full-screen alert. It has no close button and ignores clicks and Escape on purpose: only
// the clearing scan (a new snapshot without the alert) removes it, so nothing self-dismisses
// while the packer looks away (DESIGN §2: "No popup that clears itself").
import { useTranslation } from 'react-i18next';
import type { Alert, PackView, Prompt } from '../../contract/station.js';
import { formatWeight } from '../format.js';
import { alertFlags, alertParams, reasonText, weightFacts } from '../messages.js';
import { colors } from '../theme.js';
import { PromptLine } from './NextAction.js';
import { FailureLine } from './NoticeLine.js';

function Detail({ alert, pack }: { alert: Alert; pack: PackView | null }) {
  const { t } = useTranslation();
  const p = alertParams(alert, pack);
  const rows: [string, string][] = [];
  const sku = typeof p.sku === 'string' ? p.sku : '';
  if (alert.kind === 'error' && p.title && p.title !== p.code && p.title !== sku)
    rows.push([t('alertDetail.product'), String(p.title)]);
  if (sku) rows.push([t('alertDetail.sku'), sku]);
  if (p.code) rows.push([t('alertDetail.code'), String(p.code)]);
  if (alert.code === 'over_scan') {
    rows.push([
      t('alertDetail.count'),
      t('alertDetail.countValue', { scanned: alert.params.scanned, expected: alert.params.expected }),
    ]);
  }
  if (p.orderId) rows.push([t('alertDetail.order'), String(p.orderId)]);
  if (alert.kind === 'weight') {
    const w = weightFacts(alert, pack);
    if (w.expectedG !== null) rows.push([t('alertDetail.expected'), formatWeight(w.expectedG)]);
    if (w.measuredG !== null) rows.push([t('alertDetail.measured'), formatWeight(w.measuredG)]);
    if (w.minG !== null && w.maxG !== null)
      rows.push([t('alertDetail.window'), `${formatWeight(w.minG)} – ${formatWeight(w.maxG)}`]);
  }
  const flags = alertFlags(alert, pack);
  if (flags.length > 0)
    rows.push([t('alertDetail.flags'), flags.map((f) => t(`flag.${f}`, { defaultValue: f })).join('、')]);
  const reason = typeof p.reason === 'string' ? p.reason : '';
  if (reason) rows.push([t('alertDetail.reason'), reasonText(reason, t)]);
  return (
    <dl className="alert-detail" data-testid="alert-detail">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AlertOverlay({ alert, pack, prompt }: { alert: Alert; pack: PackView | null; prompt: Prompt | null }) {
  const { t } = useTranslation();
  const background = alert.kind === 'error' ? colors.red : colors.amber;
  const params = alertParams(alert, pack);
  return (
    <div
      className="alert-overlay"
      data-testid="alert"
      data-kind={alert.kind}
      data-code={alert.code}
      data-clear-by={alert.clearBy}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="alert-title"
      style={{ background, color: colors.paper }}
    >
      <div className="alert-box">
        <div className="alert-title" id="alert-title">
          {t(`alert.${alert.code}.title`, params)}
        </div>
        <Detail alert={alert} pack={pack} />
        <div className="alert-action" data-testid="alert-action">
          {t(`alert.${alert.code}.action`, params)}
        </div>
        <div className="alert-instruction" data-testid="alert-instruction">
          {t(`clearBy.${alert.clearBy}`)}
        </div>
        {prompt ? <PromptLine prompt={prompt} /> : null}
        <FailureLine />
      </div>
    </div>
  );
}
