// Stuck parcels in the supervisor view (issue 14 §2): what the hub's tracking rules flag — not
// collected after handover, no scan for too long, a return started, a carrier exception — with the
// waybill, order and since when. Re-read every TRACKING_REFRESH_MS.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackingAlertsResult } from '../../../contract/api.js';
import { useServices } from '../../context.js';
import '../../handover.css';

export const TRACKING_REFRESH_MS = 60_000;
/** The panel lists this many; the count says how many more there are. */
const SHOWN = 20;

function when(ms: number, lang: string): string {
  return new Date(ms).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

export function TrackingAlerts() {
  const { t, i18n } = useTranslation();
  const { client } = useServices();
  const [result, setResult] = useState<TrackingAlertsResult | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      client.request('tracking.alerts', {}).then(
        (r) => live && setResult(r),
        // A core without the method (an older one): no section rather than a wrong one.
        () => live && setResult(null),
      );
    void load();
    const refresh = setInterval(() => void load(), TRACKING_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(refresh);
    };
  }, [client]);

  if (!result) return null;
  if (!result.ok)
    return result.reason === 'no_hub' ? null : (
      <section className="sv-cutoffs" data-testid="tracking-alerts">
        <h2>{t('tracking.title')}</h2>
        <p>{t('tracking.offline')}</p>
      </section>
    );
  const items = result.alerts;
  return (
    <section className="sv-cutoffs" data-testid="tracking-alerts">
      <h2>
        {t('tracking.title')}
        {items.length > 0 ? ` · ${t('tracking.count', { count: items.length })}` : ''}
      </h2>
      {items.length === 0 ? <p>{t('tracking.none')}</p> : null}
      <ul>
        {items.slice(0, SHOWN).map((a) => (
          <li key={a.waybill} className="warn" data-testid={`tracking-alert-${a.waybill}`} data-kind={a.kind}>
            <strong>{t(`tracking.kind.${a.kind}`)}</strong> · {a.carrier} {a.waybill}
            {a.orderId ? ` · ${a.orderId}` : ''} · {t('tracking.since', { time: when(a.since, i18n.language) })}
            {a.detail ? ` · ${a.detail}` : ''}
          </li>
        ))}
      </ul>
      {items.length > SHOWN ? <p>{t('tracking.more', { count: items.length - SHOWN })}</p> : null}
    </section>
  );
}
