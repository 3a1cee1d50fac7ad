// Exceptions a supervisor follows up (issue 12 §6), counted by kind and listed with who, when and why:
// weight overrides, interceptions, holds (and which orders still wait for a supervisor), releases,
// quarantined rows and report-back failures. From the hub when the desk has one, else the desk's log.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { INCIDENT_KINDS, type Incident, type SupervisorView } from '../../../contract/api/supervisor.js';
import { localDateTime } from '../../../base/time.js';
import { NONE } from './format.js';
import { packerName, stationName } from './names.js';

function why(i: Incident, t: TFunction): string {
  const r = i.reason;
  if (!r) return NONE;
  if (i.kind === 'hold') return t(`reason.hold.${r}`, { defaultValue: r });
  if (i.kind === 'weight_override') return t(`reason.override.${r}`, { defaultValue: r });
  if (i.kind === 'interception') return t(`alert.${r}.title`, { defaultValue: r });
  if (i.kind === 'release') return t(`supervisor.incidents.was.${r}`, { defaultValue: r });
  return r;
}

function who(i: Incident, view: SupervisorView): string {
  const parts: string[] = [];
  if (i.packerId) parts.push(packerName(view, i.packerId));
  if (i.supervisorId) parts.push(`→ ${packerName(view, i.supervisorId)}`);
  return parts.length ? parts.join(' ') : NONE;
}

export function Incidents({ view, timeZone }: { view: SupervisorView; timeZone: string }) {
  const { t } = useTranslation();
  const rows = view.incidents ?? [];
  const counts = view.incidentCounts;
  return (
    <section
      className="supervisor-section"
      data-testid="supervisor-incidents"
      aria-labelledby="supervisor-incidents-title"
    >
      <h2 id="supervisor-incidents-title">{t('supervisor.incidents.title')}</h2>
      {counts ? (
        <ul className="incident-counts">
          {[...INCIDENT_KINDS, 'waiting' as const].map((k) => (
            <li key={k} data-testid={`incident-count-${k}`} data-count={counts[k]}>
              <span className="n">{counts[k]}</span> <span>{t(`supervisor.incidents.kind.${k}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {rows.length === 0 ? (
        <p className="muted">{t('supervisor.incidents.none')}</p>
      ) : (
        <table className="supervisor-table">
          <thead>
            <tr>
              <th>{t('supervisor.incidents.when')}</th>
              <th>{t('supervisor.incidents.what')}</th>
              <th>{t('supervisor.incidents.station')}</th>
              <th>{t('supervisor.incidents.order')}</th>
              <th>{t('supervisor.incidents.who')}</th>
              <th>{t('supervisor.incidents.why')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i, n) => (
              <tr key={`${i.kind}-${i.at}-${n}`} data-testid="incident-row" data-kind={i.kind} data-waiting={i.waiting}>
                <td className="nowrap">{localDateTime(i.at, timeZone)}</td>
                <td className="strong">
                  {t(`supervisor.incidents.kind.${i.kind}`)}
                  {i.waiting ? ` · ${t('supervisor.incidents.kind.waiting')}` : ''}
                </td>
                <td>{i.stationId ? stationName(view, i.stationId) : NONE}</td>
                <td className="mono">{i.orderId ?? NONE}</td>
                <td>{who(i, view)}</td>
                <td>{why(i, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
