// Sticky full-screen alert. It has no close button and ignores clicks and Escape on purpose: only
// the clearing scan (a new snapshot without the alert) removes it, so nothing self-dismisses
// while the packer looks away (DESIGN §2: "No popup that clears itself").
// Issue 12 §2–§5: the verdict first and largest, the order id small and unbroken, where the goods
// go, what the clearing scan does, and the result of every scan made while it is up. Red (error)
// and amber (intercept, weight) differ by icon, stripe pattern and title word, not by hue alone.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, Notice, PackView, Prompt, ScanVerdict, StationInfo } from '../../contract/station.js';
import { useApp } from '../context.js';
import { formatWeight } from '../format.js';
import { alertFlags, alertParams, noticeParams, reasonText, weightFacts } from '../messages.js';
import { colors } from '../theme.js';
import { PromptLine } from './NextAction.js';
import { FailureLine } from './NoticeLine.js';

const ICON: Record<Alert['kind'], string> = { error: '✖', intercept: '✋', weight: '⚖' };

/** Verdicts of the scan that raises an alert: its own feedback is not "a scan made while it is up". */
const RAISING: readonly ScanVerdict[] = [
  'wrong_item',
  'unknown_code',
  'bad_check_digit',
  'over_scan',
  'order_intercepted',
  'pack_in_progress',
];

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
  if (alert.kind === 'weight') {
    // Expected and live weights are in WeightNow above; the judged reading and the window here.
    const w = weightFacts(alert, pack);
    if (w.measuredG !== null) rows.push([t('alertDetail.measured'), formatWeight(w.measuredG)]);
    if (w.minG !== null && w.maxG !== null)
      rows.push([t('alertDetail.window'), `${formatWeight(w.minG)} – ${formatWeight(w.maxG)}`]);
  }
  const flags = alertFlags(alert, pack);
  if (flags.length > 0)
    rows.push([t('alertDetail.flags'), flags.map((f) => t(`flag.${f}`, { defaultValue: f })).join('、')]);
  const reason = typeof p.reason === 'string' ? p.reason : '';
  if (reason) rows.push([t('alertDetail.reason'), reasonText(reason, t)]);
  if (rows.length === 0) return null;
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

/**
 * The weight alert's live reading and its signed difference in words (重了 400 g / 轻了 120 g) with
 * the likely cause. The reading is live: the packer sees the fix work before the core re-judges it.
 */
function WeightNow({ alert, pack }: { alert: Alert; pack: PackView | null }) {
  const { t } = useTranslation();
  const reading = useApp((s) => s.scale);
  const w = weightFacts(alert, pack);
  const live = reading && reading.status === 'ok' && reading.grams >= 1 ? reading.grams : null;
  const grams = live ?? w.measuredG;
  if (grams === null || w.expectedG === null) return null;
  const diff = grams - w.expectedG;
  const inside = w.minG !== null && w.maxG !== null && grams >= w.minG && grams <= w.maxG;
  const words = t(diff > 0 ? 'console.alert.heavy' : 'console.alert.light', { diff: formatWeight(Math.abs(diff)) });
  return (
    <div className="alert-weight" data-testid="alert-weight" data-grams={grams} data-diff={diff} data-inside={inside}>
      <div className="alert-weight-diff" data-testid="alert-weight-diff">
        {inside ? t('console.alert.inWindowNow') : words}
      </div>
      {!inside ? (
        <div className="alert-weight-cause">
          {t(diff > 0 ? 'console.alert.heavyCause' : 'console.alert.lightCause')}
        </div>
      ) : null}
      <div className="alert-weight-figures">
        {t('console.alert.liveWeight')} <strong data-testid="alert-weight-live">{formatWeight(grams)}</strong> ·{' '}
        {t('console.alert.expectedWeight')} <strong>{formatWeight(w.expectedG)}</strong>
      </div>
    </div>
  );
}

/** What became of the latest scan made while this alert is up (a notice the core set, else the verdict). */
function ScanResult({ notice }: { notice: Notice | null }) {
  const { t } = useTranslation();
  const feedback = useApp((s) => s.feedback);
  // What was already there when the alert appeared is not news; remembered once per overlay mount.
  const atMount = useRef({ scanId: feedback?.scanId ?? null, notice: JSON.stringify(notice) });
  if (!feedback || feedback.scanId === atMount.current.scanId || RAISING.includes(feedback.verdict)) return null;
  const freshNotice = notice !== null && JSON.stringify(notice) !== atMount.current.notice;
  const text = freshNotice
    ? t(`notice.${notice.code}`, noticeParams(notice, t))
    : feedback.verdict === 'blocked'
      ? t('console.alert.blocked')
      : t(`verdict.${feedback.verdict}`);
  return (
    <div
      className="alert-scan-result"
      data-testid="alert-scan-result"
      data-verdict={feedback.verdict}
      data-scan-id={feedback.scanId}
      role="status"
    >
      <span className="alert-scan-caption">{t('console.alert.scanned')}</span> {text}
    </div>
  );
}

export function AlertOverlay({
  alert,
  pack,
  prompt,
  notice = null,
  bins,
}: {
  alert: Alert;
  pack: PackView | null;
  prompt: Prompt | null;
  notice?: Notice | null;
  bins?: StationInfo['bins'];
}) {
  const { t } = useTranslation();
  const background = alert.kind === 'error' ? colors.red : colors.amber;
  const params: Record<string, string | number> = {
    ...alertParams(alert, pack),
    interceptBin: bins?.intercept ?? t('console.bins.intercept'),
    shelf: bins?.shelf ?? t('console.bins.shelf'),
  };
  const orderId = String(params.orderId ?? '');
  return (
    <div
      className={`alert-overlay alert-${alert.kind}`}
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
        <div className="alert-kind" data-testid="alert-kind">
          <span className="alert-icon" aria-hidden="true">
            {ICON[alert.kind]}
          </span>
          {t(`console.alert.kind.${alert.kind}`)}
        </div>
        <div className="alert-title" id="alert-title" data-testid="alert-title">
          {t(`alert.${alert.code}.title`, params)}
        </div>
        {alert.kind === 'weight' ? <WeightNow alert={alert} pack={pack} /> : null}
        {orderId ? (
          <div className="alert-order" data-testid="alert-order">
            {t('console.alert.order')} <span className="alert-order-id">{orderId}</span>
          </div>
        ) : null}
        <Detail alert={alert} pack={pack} />
        <div className="alert-action" data-testid="alert-action">
          {t(`alert.${alert.code}.action`, params)}
        </div>
        <div className="alert-instruction" data-testid="alert-instruction">
          {t(`alert.${alert.code}.clear`, params)}
        </div>
        {prompt ? <PromptLine prompt={prompt} /> : null}
        <ScanResult key={`${alert.code}:${alert.at}`} notice={notice} />
        <FailureLine />
      </div>
    </div>
  );
}
