// The desk in a stock mode (receiving 收货, count 盘点, returns 退货入库): what to scan next, where the
// goods are booked, the SKUs scanned so far and the commands that finish or undo. Scanner and
// keyboard only; alerts use the packing overlay.
import { useTranslation } from 'react-i18next';
import type { StationSnapshot } from '../../../contract/station.js';
import type { StockSessionView } from '../../../contract/stock-desk.js';
import { AlertOverlay } from '../AlertOverlay.js';
import { NoticeLine } from '../NoticeLine.js';
import { OfflineBanner } from '../OfflineBanner.js';
import { StatusBar } from '../StatusBar.js';
import { useTypedQuantity } from '../../scan/useTypedQuantity.js';
import { colors } from '../../theme.js';
import { ReturnOrder } from './ReturnOrder.js';
import { ParcelTrace } from './ParcelTrace.js';
import { StockCommands } from './StockCommands.js';
import { StockLines } from './StockLines.js';
import '../../stock.css';

function Facts({ session }: { session: StockSessionView }) {
  const { t } = useTranslation();
  const facts: [string, string | number | null][] = [
    ['location', session.location],
    ['reference', session.reference],
    ['order', session.orderId],
    ['waybill', session.waybill],
    ['units', session.units],
  ];
  return (
    <dl className="stock-facts" data-testid="stock-facts">
      {facts
        .filter(([, v]) => v !== null && v !== '')
        .map(([k, v]) => (
          <div key={k} data-testid={`stock-fact-${k}`}>
            <dt>{t(`stock.fact.${k}`)}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}

export function StockDesk({ snapshot, session }: { snapshot: StationSnapshot; session: StockSessionView }) {
  const { t } = useTranslation();
  const typed = useTypedQuantity(snapshot.alert === null && session.step !== 'approval');
  const blocked = snapshot.alert !== null;
  return (
    <div className="pack-screen stock-screen" data-mode={session.mode} data-step={session.step}>
      <OfflineBanner />
      <div className="pack-body" inert={blocked}>
        <StatusBar />
        <main className="stock-main">
          <div className="state-row">
            <span className="pack-state" data-testid="stock-mode">
              {t(`stock.mode.${session.mode}`)}
            </span>
            <section className="next-action" data-testid="stock-next" data-step={session.step}>
              <div className="next-text">{t(`stock.next.${session.step}`, { location: session.location ?? '' })}</div>
              {session.qtyMultiplier !== null || typed !== '' ? (
                <span className="qty-multiplier" data-testid="stock-qty" style={{ background: colors.ink }}>
                  ×{typed !== '' ? `${typed}…` : session.qtyMultiplier}
                </span>
              ) : null}
            </section>
          </div>
          <NoticeLine notice={snapshot.notice} showFailure={!blocked} />
          <Facts session={session} />
          <ReturnOrder lines={session.orderLines} />
          {session.mode === 'returns' && session.waybill ? <ParcelTrace waybill={session.waybill} /> : null}
          <StockLines lines={session.lines} lastSku={session.lastSku} mode={session.mode} />
          <StockCommands session={session} />
          <p className="stock-typing-hint">{t('stock.typedHint')}</p>
        </main>
      </div>
      {snapshot.alert ? (
        <AlertOverlay
          alert={snapshot.alert}
          pack={null}
          prompt={snapshot.prompt}
          notice={snapshot.notice}
          bins={snapshot.station.bins}
        />
      ) : null}
    </div>
  );
}
