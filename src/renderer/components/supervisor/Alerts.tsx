// Alerts the core raised against its thresholds: a red list at the top of the view, one line each.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SupervisorAlert, SupervisorView } from '../../../contract/api/supervisor.js';
import { clockTime, minutesText, NONE, percent } from './format.js';
import { stationName, tileOf } from './names.js';

type Param = string | number | undefined;

/** A param the core sent; an empty string (no printer detail, say) counts as not sent. */
function param(alert: SupervisorAlert, name: string): Param {
  const v = alert.params[name];
  return v === '' ? undefined : v;
}

/**
 * The message parameters for one alert. The contract types `params` only loosely, so typed figures
 * come first where the view has them (the tile's fraction for the error rate, for instance; the
 * core sends `rate` already in percent) and the station's tile fills in whatever was left out.
 */
export function alertParams(
  alert: SupervisorAlert,
  view: SupervisorView,
  t: TFunction,
): Record<string, string | number> {
  const tile = tileOf(view, alert.stationId);
  const station = stationName(view, alert.stationId);
  switch (alert.kind) {
    case 'station_offline': {
      const sent = param(alert, 'minutes');
      const lastSeen = tile?.lastSeenAt ?? alert.since;
      const minutes = typeof sent === 'number' ? sent : (view.generatedAt - lastSeen) / 60_000;
      return { station, duration: minutesText(minutes, t), threshold: view.thresholds.offlineMinutes };
    }
    case 'error_rate': {
      const sent = param(alert, 'rate');
      const rate =
        tile?.errorRateLastHour != null
          ? percent(tile.errorRateLastHour)
          : typeof sent === 'number'
            ? `${sent.toFixed(1)}%`
            : (sent ?? NONE);
      return { station, rate, threshold: percent(view.thresholds.errorRate) };
    }
    case 'printer_fault': {
      const fromTile = tile?.deviceFaults.find((f) => f.role === 'printer');
      const detail = param(alert, 'detail') ?? fromTile?.detail ?? undefined;
      const state = String(param(alert, 'state') ?? fromTile?.state ?? 'error');
      return { station, fault: detail ?? t(`device.state.${state}`, { defaultValue: state }) };
    }
    case 'label_pending':
      return {
        station,
        count: param(alert, 'count') ?? tile?.labelPending ?? 0,
        threshold: view.thresholds.labelPending,
      };
  }
}

export function Alerts({ view, timeZone }: { view: SupervisorView; timeZone: string }) {
  const { t } = useTranslation();
  const th = view.thresholds;
  return (
    <section
      className="supervisor-alerts"
      data-testid="supervisor-alerts"
      data-count={view.alerts.length}
      role={view.alerts.length > 0 ? 'alert' : undefined}
    >
      {view.alerts.length > 0 ? (
        <>
          <h2>{t('supervisor.alerts.title', { count: view.alerts.length })}</h2>
          <ul>
            {view.alerts.map((a) => (
              <li
                key={`${a.kind}:${a.stationId}`}
                data-testid="supervisor-alert"
                data-kind={a.kind}
                data-station={a.stationId}
              >
                <span className="alert-text">{t(`supervisor.alert.${a.kind}`, alertParams(a, view, t))}</span>{' '}
                <small>{t('supervisor.alerts.since', { time: clockTime(a.since, timeZone) })}</small>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="thresholds muted" data-testid="supervisor-thresholds">
        {t('supervisor.alerts.thresholds', {
          minutes: th.offlineMinutes,
          rate: percent(th.errorRate),
          count: th.labelPending,
        })}
      </p>
    </section>
  );
}
