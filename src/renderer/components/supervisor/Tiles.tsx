// One tile per station: is it up, who is packing, how today is going, and what needs a hand
// (device faults, uploads waiting, labels without a waybill). Read from across the floor.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationTile, SupervisorView } from '../../../contract/api/supervisor.js';
import { useApp } from '../../context.js';
import { colors } from '../../theme.js';
import { minutesText, NONE, percent } from './format.js';
import { Rate } from './Rate.js';
import { layoutName } from './names.js';

function Figure({
  field,
  label,
  value,
  warn = false,
}: {
  field: string;
  label: string;
  value: ReactNode;
  warn?: boolean;
}) {
  return (
    <div className="tile-figure" data-field={field}>
      <dt>{label}</dt>
      <dd style={{ color: warn ? colors.red : undefined }}>{value}</dd>
    </div>
  );
}

function Tile({
  tile,
  now,
  minActiveMinutes,
  hubless,
}: {
  tile: StationTile;
  now: number;
  minActiveMinutes?: number;
  hubless: boolean;
}) {
  const { t } = useTranslation();
  const state = tile.online
    ? t('supervisor.tile.online')
    : tile.lastSeenAt === null
      ? t('supervisor.tile.offline')
      : t('supervisor.tile.offlineFor', { duration: minutesText((now - tile.lastSeenAt) / 60_000, t) });
  return (
    <article
      className={tile.online ? 'tile' : 'tile offline'}
      data-testid={`tile-${tile.stationId}`}
      data-online={String(tile.online)}
    >
      <header className="tile-head">
        <strong className="tile-name">{tile.name || tile.stationId}</strong>
        <span className="tile-layout">{layoutName(tile.layout, t)}</span>
        <span className="tile-state" data-field="state" style={{ background: tile.online ? colors.green : colors.red }}>
          {state}
        </span>
      </header>
      <div className="tile-packer" data-field="packer">
        <span className="muted">{t('supervisor.tile.packer')}</span>{' '}
        {tile.packer ? (
          <strong>{tile.packer.name}</strong>
        ) : (
          <span className="muted">{t('supervisor.tile.nobody')}</span>
        )}
      </div>
      <dl className="tile-figures">
        <Figure field="orders" label={t('supervisor.tile.orders')} value={tile.ordersToday} />
        <Figure field="units" label={t('supervisor.tile.units')} value={tile.unitsToday} />
        <Figure
          field="unitsPerHour"
          label={t('supervisor.tile.unitsPerHour')}
          value={
            <Rate
              value={tile.unitsPerHourToday}
              activeMs={tile.activeMsToday ?? 0}
              minActiveMinutes={minActiveMinutes}
            />
          }
        />
        <Figure field="errorRate" label={t('supervisor.tile.errorRate')} value={percent(tile.errorRateToday)} />
        {/* A queue is normal on a live desk (it drains within seconds); on a silent one it is work the hub has not seen. */}
        {hubless ? null : (
          <Figure
            field="queue"
            label={t('supervisor.tile.queue')}
            value={tile.queueDepth ?? NONE}
            warn={(tile.queueDepth ?? 0) > 0 && !tile.online}
          />
        )}
        <Figure
          field="labelPending"
          label={t('supervisor.tile.labelPending')}
          value={tile.labelPending}
          warn={tile.labelPending > 0}
        />
      </dl>
      <div className="tile-faults" data-field="faults" data-count={tile.deviceFaults.length}>
        <span className="muted">{t('supervisor.tile.faults')}</span>{' '}
        {tile.deviceFaults.length === 0 ? (
          t('supervisor.tile.noFaults')
        ) : (
          <ul>
            {tile.deviceFaults.map((f) => (
              <li key={f.role} data-role={f.role} style={{ color: colors.red }}>
                {t('supervisor.tile.fault', {
                  role: t(`device.role.${f.role}`, { defaultValue: f.role }),
                  state: t(`device.state.${f.state}`, { defaultValue: f.state }),
                })}
                {f.detail ? ` · ${f.detail}` : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </article>
  );
}

export function Tiles({ view }: { view: SupervisorView }) {
  const { t } = useTranslation();
  // A desk without a hub has no upload queue: the figure would be a meaningless 0 (issue 12 §6).
  const hubless = useApp((s) => s.snapshot?.sync.mode === 'local');
  return (
    <section className="supervisor-section" aria-label={t('supervisor.tiles.title')}>
      <h2>{t('supervisor.tiles.title')}</h2>
      {view.tiles.length === 0 ? <p className="muted">{t('supervisor.tiles.none')}</p> : null}
      <div className="tiles">
        {view.tiles.map((tile) => (
          // The view's own clock: offline time is measured against when the figures were assembled.
          <Tile
            key={tile.stationId}
            tile={tile}
            now={view.generatedAt}
            minActiveMinutes={view.minActiveMinutes}
            hubless={hubless}
          />
        ))}
      </div>
    </section>
  );
}
