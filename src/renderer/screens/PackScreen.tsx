// The default screen: a fixed console, not a page (issue 12 §1). It never scrolls at 1366×768 or
// 1920×1080: the next step is the hero, long order lines scroll inside their own box, the label
// preview shrinks to what is left. Everything is readable from a metre and a half, no mouse needed.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../context.js';
import { AlertOverlay } from '../components/AlertOverlay.js';
import { Counters } from '../components/Counters.js';
import { Hero } from '../components/Hero.js';
import { LabelPanel } from '../components/LabelPanel.js';
import { NextAction } from '../components/NextAction.js';
import { NoticeLine } from '../components/NoticeLine.js';
import { ExceptionsBanner } from '../components/ExceptionsBanner.js';
import { InsertsCard } from '../components/InsertsCard.js';
import { NotesPanel } from '../components/NotesPanel.js';
import { OfflineBanner } from '../components/OfflineBanner.js';
import { OrderPanel } from '../components/OrderPanel.js';
import { PackagingCard } from '../components/PackagingCard.js';
import { PackerFigures } from '../components/PackerFigures.js';
import { ScalePanel } from '../components/ScalePanel.js';
import { SoundUnlockBanner } from '../components/SoundUnlockBanner.js';
import { StatusBar } from '../components/StatusBar.js';
import { StockDesk } from '../components/stock/StockDesk.js';
import { HandoverDesk } from '../components/handover/HandoverDesk.js';

/** Back from another screen the page may have been left scrolled: the console starts at the top. */
function useScrollReset(): void {
  useEffect(() => {
    window.scrollTo(0, 0);
  }, []);
}

export function PackScreen() {
  const { t } = useTranslation();
  const snapshot = useApp((s) => s.snapshot);
  useScrollReset();

  if (!snapshot) {
    return (
      <div className="pack-screen">
        <OfflineBanner />
        <StatusBar />
        <main className="waiting">{t('status.connecting')}</main>
      </div>
    );
  }

  // Receiving, count or returns (CMD-RECEIVE / CMD-COUNT / CMD-RETURN): the desk is in a stock mode.
  if (snapshot.stock) return <StockDesk snapshot={snapshot} session={snapshot.stock} />;
  // Courier handover (HND-START): the desk hands parcels to a courier until HND-EXIT.
  if (snapshot.handover) return <HandoverDesk snapshot={snapshot} view={snapshot.handover} />;

  // After the label prints the core moves the pack to lastPack; it stays on screen as "done"
  // until the next order is scanned, so the packer can check the label against the parcel.
  const pack = snapshot.pack ?? snapshot.lastPack;
  const finished = snapshot.pack === null && pack !== null;
  const state = pack ? (finished && pack.state !== 'held' ? 'done' : pack.state) : 'idle';

  // While an alert is up, everything under it is inert: no focus, no clicks, nothing for a stray
  // key to activate. The overlay itself is the only live part of the page.
  const blocked = snapshot.alert !== null;
  return (
    <div className="pack-screen" data-state={state}>
      {/* Fixed above the alert overlay too: a packer must know scans are not landing. */}
      <OfflineBanner />
      <SoundUnlockBanner scannerKind={snapshot.devices.find((d) => d.role === 'scanner')?.kind ?? null} />
      <div className="pack-body" inert={blocked}>
        <StatusBar />
        <main className="pack-main">
          <div className="pack-left">
            <div className="state-row">
              <span className="pack-state" data-testid="pack-state" data-state={state}>
                {t(`packState.${state}`)}
              </span>
              <NextAction snapshot={snapshot} showPrompt={!blocked} />
            </div>
            <NoticeLine notice={snapshot.notice} showFailure={!blocked} />
            <ExceptionsBanner exceptions={snapshot.exceptions} />
            <Hero state={state} pack={pack} carriers={snapshot.station.carriers} />
            {/* Buyer/merchant/gift notes and inserts (another helper's components): read before packing. */}
            {pack ? <NotesPanel packId={pack.packId} notes={pack.order.notes} live={!finished} /> : null}
            <InsertsCard inserts={snapshot.pack?.inserts} />
            {pack ? (
              <OrderPanel pack={pack} finished={finished} />
            ) : (
              <div className="order-panel empty">{t('order.none')}</div>
            )}
          </div>
          <aside className="pack-right">
            <ScalePanel weightWindow={snapshot.pack?.weight ?? null} />
            {pack ? <PackagingCard packaging={pack.packaging} /> : null}
            {/* The preview takes what height is left and shrinks to it; the hero carries the waybill. */}
            <LabelPanel
              labels={pack?.labels ?? []}
              size={snapshot.station.labelSize}
              carriers={snapshot.station.carriers}
            />
            <div className="figures-row">
              <Counters counters={snapshot.counters} />
              <PackerFigures figures={snapshot.packerFigures} />
            </div>
          </aside>
        </main>
      </div>
      {snapshot.alert ? (
        <AlertOverlay
          alert={snapshot.alert}
          pack={pack}
          prompt={snapshot.prompt}
          notice={snapshot.notice}
          bins={snapshot.station.bins}
        />
      ) : null}
    </div>
  );
}
