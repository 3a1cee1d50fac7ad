// The default screen: everything the packer needs, readable from a metre away, no mouse needed.
import { useTranslation } from 'react-i18next';
import { useApp } from '../context.js';
import { AlertOverlay } from '../components/AlertOverlay.js';
import { Counters } from '../components/Counters.js';
import { LabelPanel } from '../components/LabelPanel.js';
import { NextAction } from '../components/NextAction.js';
import { NoticeLine } from '../components/NoticeLine.js';
import { ExceptionsBanner } from '../components/ExceptionsBanner.js';
import { OrderPanel } from '../components/OrderPanel.js';
import { PackagingCard } from '../components/PackagingCard.js';
import { PackerFigures } from '../components/PackerFigures.js';
import { ScalePanel } from '../components/ScalePanel.js';
import { SoundUnlockBanner } from '../components/SoundUnlockBanner.js';
import { StatusBar } from '../components/StatusBar.js';
import { colors } from '../theme.js';

function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useApp((s) => s.connection);
  if (connection === 'open') return null;
  return (
    <div
      className="connection-banner"
      data-testid="connection"
      data-state={connection}
      role="alert"
      style={{ background: connection === 'closed' ? colors.red : colors.amber }}
    >
      {connection === 'closed' ? t('status.disconnected') : t('status.connecting')}
    </div>
  );
}

export function PackScreen() {
  const { t } = useTranslation();
  const snapshot = useApp((s) => s.snapshot);

  if (!snapshot) {
    return (
      <div className="pack-screen">
        <StatusBar />
        <ConnectionBanner />
        <main className="waiting">{t('status.connecting')}</main>
      </div>
    );
  }

  // After the label prints the core moves the pack to lastPack; it stays on screen as "done"
  // until the next order is scanned, so the packer can check the label against the parcel.
  const pack = snapshot.pack ?? snapshot.lastPack;
  const finished = snapshot.pack === null && pack !== null;
  const state = pack ? (finished && pack.state !== 'held' ? 'done' : pack.state) : 'idle';

  // While an alert is up, everything under it is inert: no focus, no clicks, nothing for a stray
  // key to activate. The overlay itself is the only live part of the page.
  const blocked = snapshot.alert !== null;
  return (
    <div className="pack-screen">
      {/* Above the alert overlay too: a packer must know scans are not landing. */}
      <ConnectionBanner />
      <SoundUnlockBanner scannerKind={snapshot.devices.find((d) => d.role === 'scanner')?.kind ?? null} />
      <div className="pack-body" inert={blocked}>
        <StatusBar />
        <main className="pack-main">
          <div className="pack-left">
            <div className="state-row">
              <span className="pack-state" data-testid="pack-state" data-state={state}>
                {t(`packState.${state}`)}
              </span>
            </div>
            <NextAction snapshot={snapshot} showPrompt={!blocked} />
            <NoticeLine notice={snapshot.notice} showFailure={!blocked} />
            <ExceptionsBanner exceptions={snapshot.exceptions} />
            {pack ? (
              <OrderPanel pack={pack} finished={finished} />
            ) : (
              <div className="order-panel empty">{t('order.none')}</div>
            )}
          </div>
          <aside className="pack-right">
            <ScalePanel weightWindow={snapshot.pack?.weight ?? null} />
            {pack ? <PackagingCard packaging={pack.packaging} /> : null}
            <Counters counters={snapshot.counters} />
            <PackerFigures figures={snapshot.packerFigures} />
            {/* Last: the preview is the tallest card and the one a packer needs least at a glance. */}
            <LabelPanel
              labels={pack?.labels ?? []}
              size={snapshot.station.labelSize}
              carriers={snapshot.station.carriers}
            />
          </aside>
        </main>
      </div>
      {snapshot.alert ? <AlertOverlay alert={snapshot.alert} pack={pack} prompt={snapshot.prompt} /> : null}
    </div>
  );
}
