// The order on the desk: who it goes to, what the buyer asked, and every line with its progress.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { hasNotes, type PackLine } from '../../contract/entities.js';
import type { PackView } from '../../contract/station.js';
import { formatAddress, maskName, maskPhone } from '../format.js';
import { colors } from '../theme.js';

function LineRow({ line, active }: { line: PackLine; active: boolean }) {
  const { t } = useTranslation();
  const complete = line.scanned >= line.expected;
  const pct = line.expected > 0 ? Math.min(100, Math.round((line.scanned / line.expected) * 100)) : 100;
  return (
    <tr
      className={complete ? 'line complete' : active ? 'line active' : 'line'}
      data-testid={`line-${line.productId}`}
      data-active={active}
      data-scanned={line.scanned}
      data-expected={line.expected}
      data-complete={complete}
    >
      <td className="line-title">
        <div>{line.title}</div>
        <div className="line-meta">
          <span>{line.sku}</span> · <span>{t(`category.${line.category}`)}</span>
          {line.bundleTitle ? (
            <span className="bundle"> · {t('order.bundle', { title: line.bundleTitle })}</span>
          ) : null}
          {line.stockHint ? (
            <span className="stock-hint" data-testid={`stock-hint-${line.productId}`} data-hint={line.stockHint}>
              {' '}
              · {t(`stock.hint.${line.stockHint}`)}
            </span>
          ) : null}
        </div>
      </td>
      <td className="line-progress">
        <div className="count">
          <strong>{line.scanned}</strong> / {line.expected}
          {complete ? (
            <span className="tick" style={{ color: colors.green }} aria-label={t('order.complete')}>
              {' '}
              ✔
            </span>
          ) : null}
        </div>
        <div
          className="bar"
          role="progressbar"
          aria-label={line.title}
          aria-valuemin={0}
          aria-valuemax={line.expected}
          aria-valuenow={line.scanned}
        >
          <div style={{ width: `${pct}%`, background: complete ? colors.green : colors.amber }} />
        </div>
      </td>
    </tr>
  );
}

/**
 * The lines scroll inside their own box, never the page (issue 12 §1): the active line (the first
 * still short) is brought into view whenever it changes, and a remounted screen starts from the top.
 */
function useActiveLineInView(activeId: number | null) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const row = activeId === null ? null : el.querySelector<HTMLElement>(`[data-testid="line-${activeId}"]`);
    if (!row) {
      el.scrollTop = 0;
      return;
    }
    // Centre it, so the lines after it show too (scrollIntoView would scroll the page as well).
    const rowTop = row.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
    const top = rowTop - el.clientHeight / 2 + row.clientHeight / 2;
    el.scrollTop = Math.max(0, top);
  }, [activeId]);
  return box;
}

export function OrderPanel({ pack, finished }: { pack: PackView; finished: boolean }) {
  const { t } = useTranslation();
  const { order } = pack;
  const activeId = finished ? null : (pack.lines.find((l) => l.scanned < l.expected)?.productId ?? null);
  const linesBox = useActiveLineInView(activeId);
  return (
    <section className="order-panel" aria-label={t('order.title')}>
      <div className="order-head">
        {finished ? <span className="muted">{t('order.lastPack')}</span> : null}
        <span className="order-id" data-testid="order-id">
          {order.id}
        </span>
        <span className="badge channel" data-testid="order-channel" data-channel={order.channel}>
          {t(`channel.${order.channel}`)}
        </span>
        <span className="badge status" data-status={order.status}>
          {t(`orderStatus.${order.status}`)}
        </span>
        {order.flags.map((f) => (
          <span key={f} className="badge flag" data-flag={f} style={{ background: colors.amber }}>
            {t(`flag.${f}`)}
          </span>
        ))}
        {pack.parcelNo > 1 ? (
          <span className="badge parcel" data-testid="parcel-no">
            {t('order.parcel', { n: pack.parcelNo })}
          </span>
        ) : null}
      </div>
      <dl className="order-info">
        <div>
          <dt>{t('order.recipient')}</dt>
          <dd data-testid="recipient">
            {maskName(order.recipientName)} {maskPhone(order.recipientPhone)}
          </dd>
        </div>
        <div>
          <dt>{t('order.address')}</dt>
          <dd data-testid="address">{formatAddress(order.address)}</dd>
        </div>
        {order.pickSlip ? (
          <div>
            <dt>{t('order.pickSlip')}</dt>
            <dd>{order.pickSlip}</dd>
          </div>
        ) : null}
        {/* With notes apart (NotesPanel shows them large) the remark would only repeat them. */}
        {order.remark.trim() && !hasNotes(order.notes) ? (
          <div className="remark" data-testid="remark">
            <dt>{t('order.remark')}</dt>
            <dd>{order.remark}</dd>
          </div>
        ) : null}
      </dl>
      <div
        className="lines-scroll"
        ref={linesBox}
        data-testid="lines-scroll"
        role="region"
        aria-label={t('order.title')}
        // A scrollable box must be reachable by keyboard (axe scrollable-region-focusable).
        tabIndex={0}
      >
        <table className="lines">
          <thead>
            <tr>
              <th>{t('order.product')}</th>
              <th>{t('order.progress')}</th>
            </tr>
          </thead>
          <tbody>
            {pack.lines.map((line) => (
              <LineRow key={line.productId} line={line} active={line.productId === activeId} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
