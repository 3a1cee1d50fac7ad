// Exceptions in the range (cancelled after packing, packed twice…), newest first, worded like the
// red strip the packer sees at the desk, with the core's detail for the supervisor who follows up.
import { useTranslation } from 'react-i18next';
import type { SupervisorView } from '../../../contract/api/supervisor.js';
import { localDateTime } from '../../../base/time.js';
import { NONE } from './format.js';
import { stationName } from './names.js';

export function Exceptions({ view, timeZone }: { view: SupervisorView; timeZone: string }) {
  const { t } = useTranslation();
  const rows = [...view.exceptions].sort((a, b) => b.at - a.at);
  return (
    <section
      className="supervisor-section"
      data-testid="supervisor-exceptions"
      aria-label={t('supervisor.exceptions.title', { count: rows.length })}
    >
      <h2>{t('supervisor.exceptions.title', { count: rows.length })}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('supervisor.exceptions.none')}</p>
      ) : (
        <table className="supervisor-table">
          <thead>
            <tr>
              <th>{t('supervisor.exceptions.time')}</th>
              <th>{t('supervisor.exceptions.station')}</th>
              <th>{t('supervisor.exceptions.order')}</th>
              <th>{t('supervisor.exceptions.what')}</th>
              <th>{t('supervisor.exceptions.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} data-testid="exception-row" data-kind={e.kind} data-order={e.orderId}>
                <td className="nowrap">{localDateTime(e.at, timeZone)}</td>
                <td>{e.stationId ? stationName(view, e.stationId) : NONE}</td>
                <td className="mono">{e.orderId}</td>
                <td className="strong">{t(`exception.${e.kind}`, { orderId: e.orderId, defaultValue: e.kind })}</td>
                <td>{e.detail || NONE}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
