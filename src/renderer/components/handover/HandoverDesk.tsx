// The desk in handover mode (交接): which carrier and courier, the parcels scanned into the batch
// (newest first), the barcodes that finish or leave, and the last closed batch with its missing list
// and the 交接单's print status. Scanner only; refusals use the packing alert overlay.
import { useTranslation } from 'react-i18next';
import type { HandoverView } from '../../../contract/handover.js';
import type { StationSnapshot } from '../../../contract/station.js';
import { HANDOVER_CLOSE, HANDOVER_EXIT } from '../../../contract/handover.js';
import { Barcode } from '../../label/Barcode.js';
import { AlertOverlay } from '../AlertOverlay.js';
import { NoticeLine } from '../NoticeLine.js';
import { OfflineBanner } from '../OfflineBanner.js';
import { StatusBar } from '../StatusBar.js';
import { LastBatch } from './LastBatch.js';
import '../../handover.css';

const clock = (ms: number) => new Date(ms).toLocaleTimeString('zh-CN', { hour12: false });

function OpenBatch({ open, carriers }: { open: NonNullable<HandoverView['open']>; carriers: Record<string, string> }) {
  const { t } = useTranslation();
  const hidden = open.count - open.waybills.length;
  return (
    <section className="handover-batch" data-testid="handover-batch">
      <dl className="handover-facts">
        <div>
          <dt>{t('handover.carrier')}</dt>
          <dd data-testid="handover-carrier">{open.carrier ? (carriers[open.carrier] ?? open.carrier) : '—'}</dd>
        </div>
        <div>
          <dt>{t('handover.courier')}</dt>
          <dd>{open.courier ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('handover.count')}</dt>
          <dd data-testid="handover-count">{t('handover.countValue', { count: open.count })}</dd>
        </div>
        <div>
          <dt>{t('handover.expected', { count: open.expected })}</dt>
          <dd />
        </div>
      </dl>
      <h3>{t('handover.scanned')}</h3>
      {open.waybills.length === 0 ? (
        <p className="handover-empty">{t('handover.none')}</p>
      ) : (
        <ol className="handover-list" data-testid="handover-list">
          {open.waybills.map((w) => (
            <li key={w.waybill}>
              <span className="handover-waybill">{w.waybill}</span>
              <span className="handover-order">{w.orderId ?? ''}</span>
              <time>{clock(w.at)}</time>
            </li>
          ))}
        </ol>
      )}
      {hidden > 0 ? <p className="handover-more">{t('handover.more', { count: hidden })}</p> : null}
    </section>
  );
}

export function HandoverDesk({ snapshot, view }: { snapshot: StationSnapshot; view: HandoverView }) {
  const { t } = useTranslation();
  const blocked = snapshot.alert !== null;
  const step = view.open?.carrier ? 'parcels' : 'carrier';
  return (
    <div className="pack-screen handover-screen" data-step={step}>
      <OfflineBanner />
      <div className="pack-body" inert={blocked}>
        <StatusBar />
        <main className="handover-main">
          <div className="state-row">
            <span className="pack-state" data-testid="handover-mode">
              {t('handover.mode')}
            </span>
            <section className="next-action" data-testid="handover-next">
              <div className="next-text">{t(`handover.next.${step}`)}</div>
            </section>
          </div>
          <NoticeLine notice={snapshot.notice} showFailure={!blocked} />
          {view.open ? <OpenBatch open={view.open} carriers={snapshot.station.carriers} /> : null}
          {view.lastClosed ? <LastBatch batch={view.lastClosed} carriers={snapshot.station.carriers} /> : null}
          <section className="handover-commands" aria-label={t('handover.commands')}>
            {[
              [HANDOVER_CLOSE, 'close'],
              [HANDOVER_EXIT, 'exit'],
            ].map(([code, key]) => (
              <figure key={code}>
                <Barcode text={code ?? ''} />
                <figcaption>{t(`handover.cmd.${key}`)}</figcaption>
              </figure>
            ))}
          </section>
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
