// 揽收截止 in the supervisor view: a countdown to each carrier's collection cut-off today, the
// parcels packed and not yet handed over, and a warning when some will miss it. The hub's answer is
// re-read every CUTOFFS_REFRESH_MS; the countdown ticks locally every second in between.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverCutoffsResult } from '../../../contract/api.js';
import { useServices } from '../../context.js';
import '../../handover.css';

export const CUTOFFS_REFRESH_MS = 30_000;

/** "1:05:09" / "4:07": hours only when there are any. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function Cutoffs() {
  const { t } = useTranslation();
  const { client } = useServices();
  const [result, setResult] = useState<{ at: number; result: HandoverCutoffsResult } | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    const load = () =>
      client.request('handover.cutoffs', {}).then(
        (r) => live && setResult({ at: Date.now(), result: r }),
        // A core without the method (an older one): no section rather than a wrong one.
        () => live && setResult(null),
      );
    void load();
    const refresh = setInterval(() => void load(), CUTOFFS_REFRESH_MS);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      live = false;
      clearInterval(refresh);
      clearInterval(tick);
    };
  }, [client]);

  if (!result) return null;
  const r = result.result;
  if (!r.ok) {
    // A desk without a hub has no cut-offs to show; a hub out of reach is said so.
    return r.reason === 'no_hub' ? null : (
      <section className="sv-cutoffs" data-testid="cutoffs">
        <h2>{t('handover.cutoffs.title')}</h2>
        <p>{t('handover.cutoffs.offline')}</p>
      </section>
    );
  }
  const elapsed = now - result.at;
  return (
    <section className="sv-cutoffs" data-testid="cutoffs">
      <h2>{t('handover.cutoffs.title')}</h2>
      {r.cutoffs.items.length === 0 ? <p>{t('handover.cutoffs.none')}</p> : null}
      <ul>
        {r.cutoffs.items.map((c) => {
          const left = c.msLeft - elapsed;
          return (
            <li key={c.carrier} data-testid={`cutoff-${c.carrier}`} data-warn={c.warn} className={c.warn ? 'warn' : ''}>
              <strong>{c.carrier}</strong> {c.cutoff} ·{' '}
              {left > 0 ? t('handover.cutoffs.left', { time: countdown(left) }) : t('handover.cutoffs.passed')} ·{' '}
              {t('handover.cutoffs.pending', { count: c.pending })}
              {c.warn ? (
                <span className="sv-cutoff-warn">
                  {' '}
                  · {t('handover.cutoffs.warn', { count: c.pending, cutoff: c.cutoff })}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
