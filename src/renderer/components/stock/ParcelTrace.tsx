// A returned parcel's trace (issue 14 §2: shown on the desk when a parcel is scanned again): its
// state and the carrier's last scans, read from the hub through the station core. No hub: nothing;
// a hub out of reach or a waybill it does not follow: said in one line.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackingTimelineResult } from '../../../contract/api.js';
import { useServices } from '../../context.js';

/** The last scans shown, newest first. */
const SHOWN = 5;

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

export function ParcelTrace({ waybill }: { waybill: string }) {
  const { t, i18n } = useTranslation();
  const { client } = useServices();
  const [result, setResult] = useState<TrackingTimelineResult | 'loading'>('loading');

  useEffect(() => {
    let live = true;
    setResult('loading');
    client.request('tracking.timeline', { waybill }).then(
      (r) => live && setResult(r),
      (err: unknown) => live && setResult({ ok: false, reason: 'unreachable', message: String(err) }),
    );
    return () => {
      live = false;
    };
  }, [client, waybill]);

  if (result !== 'loading' && !result.ok && result.reason === 'no_hub') return null;
  const line = (text: string) => (
    <section className="stock-return-order" data-testid="parcel-trace">
      <h3>{t('tracking.trace.title')}</h3>
      <p>{text}</p>
    </section>
  );
  if (result === 'loading') return line(t('tracking.trace.loading'));
  if (!result.ok) return line(t(result.reason === 'not_found' ? 'tracking.trace.notFound' : 'tracking.trace.offline'));
  const { timeline } = result;
  const events = [...timeline.events].reverse().slice(0, SHOWN);
  return (
    <section className="stock-return-order" data-testid="parcel-trace" data-state={timeline.state ?? ''}>
      <h3>
        {t('tracking.trace.title')} · {timeline.carrier} {timeline.waybill}
        {timeline.state ? ` · ${t(`tracking.trace.state.${timeline.state}`)}` : ''}
      </h3>
      {events.length === 0 ? (
        <p>{t('tracking.trace.none')}</p>
      ) : (
        <ul>
          {events.map((e) => (
            <li key={`${e.at}-${e.state}-${e.detail}`}>
              <span className="line-meta">{when(e.at, i18n.language)}</span> {t(`tracking.trace.state.${e.state}`)}{' '}
              {e.place} {e.detail}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
