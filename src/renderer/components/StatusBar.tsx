// Top bar: who is packing where, whether the devices and the sync link are healthy, label stock.
import { useTranslation } from 'react-i18next';
import type { DeviceStatus, StationSnapshot } from '../../contract/station.js';
import { useApp } from '../context.js';
import type { Locale } from '../store.js';
import { colors } from '../theme.js';

/** Below this many pre-allocated waybills a carrier needs topping up before the shift runs out. */
export const LOW_POOL = 20;

function deviceColor(d: DeviceStatus): string {
  if (d.state === 'ready') return colors.greenOnDark;
  if (d.state === 'connecting') return colors.amberOnDark;
  return colors.redOnDark;
}

function Devices({ devices }: { devices: DeviceStatus[] }) {
  const { t } = useTranslation();
  return (
    <ul className="devices" data-testid="devices" aria-label={t('status.devices')}>
      {devices.map((d) => (
        <li
          key={d.role}
          data-testid={`device-${d.role}`}
          data-state={d.state}
          style={{ color: deviceColor(d) }}
          title={d.kind}
        >
          <span className="dot" aria-hidden="true">
            ●
          </span>{' '}
          {t(`device.role.${d.role}`)} {t(`device.state.${d.state}`)}
          {d.simulated ? <small> ({t('device.simulated')})</small> : null}
          {d.detail ? <small className="device-detail"> · {d.detail}</small> : null}
        </li>
      ))}
    </ul>
  );
}

function Pool({ snapshot }: { snapshot: StationSnapshot }) {
  const { t } = useTranslation();
  const entries = Object.entries(snapshot.waybillPool).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="pool" data-testid="label-pool">
      <span className="muted">{t('status.labelPool')}</span>
      {entries.map(([carrier, n]) => (
        <span
          key={carrier}
          className={n < LOW_POOL ? 'pool-item low' : 'pool-item'}
          data-carrier={carrier}
          data-low={n < LOW_POOL}
          title={n < LOW_POOL ? t('status.poolLow') : undefined}
        >
          {t(`carrier.${carrier}`, { defaultValue: snapshot.station.carriers[carrier] ?? carrier })} {n}
        </span>
      ))}
      {/* Labels waiting for a waybill number or for the printer: always shown, highlighted when any. */}
      <span
        className={snapshot.pendingLabels > 0 ? 'pool-item low' : 'pool-item'}
        data-testid="labels-pending"
        data-count={snapshot.pendingLabels}
      >
        {t('status.labelsPending', { count: snapshot.pendingLabels })}
      </span>
      <span
        className={snapshot.queuedLabels > 0 ? 'pool-item low' : 'pool-item'}
        data-testid="labels-queued"
        data-count={snapshot.queuedLabels}
      >
        {t('status.labelsQueued', { count: snapshot.queuedLabels })}
      </span>
    </div>
  );
}

export function StatusBar() {
  const { t } = useTranslation();
  const snapshot = useApp((s) => s.snapshot);
  const locale = useApp((s) => s.locale);
  const setLocale = useApp((s) => s.setLocale);
  const other: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';

  const syncColor =
    !snapshot || snapshot.sync.mode === 'online' || snapshot.sync.mode === 'local'
      ? colors.paper
      : snapshot.sync.mode === 'offline'
        ? colors.redOnDark
        : colors.amberOnDark;

  return (
    <header className="status-bar">
      {snapshot ? (
        <>
          <div className="station" data-testid="status-station">
            <strong>{snapshot.station.name || snapshot.station.id}</strong>{' '}
            <span className="muted">{t(`layout.${snapshot.station.layout}`)}</span>
          </div>
          <div className="packer" data-testid="status-packer" data-logged-in={snapshot.packer !== null}>
            {snapshot.packer ? (
              <>
                {t(`role.${snapshot.packer.role}`)} <strong>{snapshot.packer.name}</strong>
              </>
            ) : (
              <strong style={{ color: colors.amberOnDark }}>{t('status.loginPrompt')}</strong>
            )}
          </div>
          <Devices devices={snapshot.devices} />
          <div
            className="sync"
            data-testid="status-sync"
            data-mode={snapshot.sync.mode}
            data-hub={snapshot.sync.hub}
            style={{ color: syncColor }}
            title={[snapshot.sync.hub, snapshot.sync.lastError].filter(Boolean).join(' — ') || undefined}
          >
            {t('status.sync')} {t(`sync.${snapshot.sync.mode}`)}
          </div>
          <div className="queue" data-testid="status-queue" data-depth={snapshot.sync.queueDepth}>
            {t('status.queue', { count: snapshot.sync.queueDepth })}
          </div>
          {/* Refused or set-aside data needs a supervisor: shown only when there is some. */}
          {snapshot.sync.deadLetters > 0 && (
            <div className="dead-letters" data-testid="status-dead-letters" style={{ color: colors.amberOnDark }}>
              {t('status.deadLetters', { count: snapshot.sync.deadLetters })}
            </div>
          )}
          {snapshot.sync.quarantined > 0 && (
            <div className="quarantined" data-testid="status-quarantined" style={{ color: colors.amberOnDark }}>
              {t('status.quarantined', { count: snapshot.sync.quarantined })}
            </div>
          )}
          <Pool snapshot={snapshot} />
        </>
      ) : (
        <div className="station">{t('app.title')}</div>
      )}
      <div className="bar-links">
        <button
          type="button"
          className="locale-switch"
          data-testid="locale-switch"
          lang={other}
          onClick={(e) => {
            setLocale(other);
            // Give focus back to the page: a scanner's Space or Enter must never press this button.
            e.currentTarget.blur();
          }}
        >
          {t('status.switchTo')}
        </button>
        <a href="#/sheet" data-testid="sheet-link">
          {t('status.sheet')}
        </a>
        <a href="#/settings" data-testid="settings-link">
          {t('status.settings')}
        </a>
        <a href="#/evidence" data-testid="evidence-link">
          {t('evidence.link')}
        </a>
        {/* A supervisor logged in as the packer reaches the view by mouse; a badge scan opens it too. */}
        {snapshot?.packer?.role === 'supervisor' ? (
          <a href="#/supervisor" data-testid="supervisor-link">
            {t('status.supervisorView')}
          </a>
        ) : null}
      </div>
    </header>
  );
}
