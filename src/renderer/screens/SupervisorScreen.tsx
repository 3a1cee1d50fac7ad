// Supervisor view (#/supervisor): live station tiles, alerts, hourly charts, the packer leaderboard,
// the layout comparison and exceptions for a date range, with CSV export. Opened by a supervisor
// badge scanned at the desk or from the status bar; read standing a few metres from the screen.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupervisorView } from '../../contract/api.js';
import { envelopeOf } from '../client/types.js';
import { useApp, useServices } from '../context.js';
import { Alerts } from '../components/supervisor/Alerts.js';
import { Cutoffs } from '../components/supervisor/Cutoffs.js';
import { TrackingAlerts } from '../components/supervisor/TrackingAlerts.js';
import { HourlyCharts, StationHourlyChart } from '../components/supervisor/Charts.js';
import { CsvExport } from '../components/supervisor/CsvExport.js';
import { Exceptions } from '../components/supervisor/Exceptions.js';
import { Incidents } from '../components/supervisor/Incidents.js';
import { clockTime, percent } from '../components/supervisor/format.js';
import { Rate } from '../components/supervisor/Rate.js';
import { LayoutComparison } from '../components/supervisor/LayoutComparison.js';
import { Leaderboard } from '../components/supervisor/Leaderboard.js';
import { RangePicker } from '../components/supervisor/RangePicker.js';
import { boundsOf, daysOf, requestOf, safeZone, type RangeChoice } from '../components/supervisor/range.js';
import { Tiles } from '../components/supervisor/Tiles.js';
import { StockBoard } from '../components/stock/board/StockBoard.js';

/** Tiles and alerts are live: the figures are fetched again this often while the view is open. */
export const REFRESH_MS = 30_000;

const TODAY: RangeChoice = { kind: 'preset', preset: 'today' };

interface Loaded {
  view: SupervisorView | null;
  /** The choice `view` answers; another one means new dates are still on their way. */
  choice: RangeChoice | null;
  busy: boolean;
  error: string | null;
}

function Totals({ view }: { view: SupervisorView }) {
  const { t } = useTranslation();
  const f = view.total;
  const items: [string, ReactNode][] = [
    ['orders', f.orders],
    ['units', f.units],
    [
      'unitsPerHour',
      <Rate value={f.unitsPerActiveHour} activeMs={f.activeMs} minActiveMinutes={view.minActiveMinutes} />,
    ],
    ['errorRate', percent(f.errorRate)],
    ['misreads', f.misreads ?? 0],
    ['exceptions', view.exceptions.length],
  ];
  return (
    <section className="supervisor-totals" data-testid="supervisor-totals" aria-label={t('supervisor.total.title')}>
      {items.map(([key, value]) => (
        <div key={key} className="total" data-field={key}>
          <span className="n">{value}</span>
          <span className="muted">{t(`supervisor.total.${key}`)}</span>
        </div>
      ))}
    </section>
  );
}

type SupervisorTab = 'figures' | 'stock';

function SupervisorTabs({ tab, onChange }: { tab: SupervisorTab; onChange: (tab: SupervisorTab) => void }) {
  const { t } = useTranslation();
  return (
    <span className="supervisor-tabs" role="tablist">
      {(['figures', 'stock'] as const).map((k) => (
        <button
          key={k}
          type="button"
          role="tab"
          aria-selected={tab === k}
          data-testid={`supervisor-tab-${k}`}
          onClick={() => onChange(k)}
        >
          {t(k === 'stock' ? 'stock.board.tab' : 'stock.board.figuresTab')}
        </button>
      ))}
    </span>
  );
}

export function SupervisorScreen() {
  const { t } = useTranslation();
  const { client, store } = useServices();
  const openedBy = useApp((s) => s.snapshot?.supervisor ?? null);
  const [choice, setChoice] = useState<RangeChoice>(TODAY);
  // #/supervisor/stock opens the stock board tab (issue 13 §4); the packing figures are the default.
  const [tab, setTab] = useState<SupervisorTab>(() => (window.location.hash.includes('/stock') ? 'stock' : 'figures'));
  const [loaded, setLoaded] = useState<Loaded>({ view: null, choice: null, busy: true, error: null });
  const live = useRef(true);
  const latest = useRef(0);
  // The station's zone, once the core has said which; a ref so that learning it does not restart the refresh timer.
  const zone = useRef(safeZone(undefined));

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const load = useCallback(
    (wanted: RangeChoice) => {
      // Only the newest request may land: a slow reply for the old dates must not overwrite the new ones.
      const seq = ++latest.current;
      setLoaded((l) => ({ ...l, busy: true }));
      client.request('supervisor.view', requestOf(wanted, Date.now(), zone.current)).then(
        (view) => {
          if (!live.current || seq !== latest.current) return;
          zone.current = safeZone(view.timezone);
          setLoaded({ view, choice: wanted, busy: false, error: null });
        },
        (err: unknown) => {
          if (!live.current || seq !== latest.current) return;
          // Keep the last figures on screen; the error line says they are not fresh.
          setLoaded((l) => ({ ...l, busy: false, error: envelopeOf(err).message }));
        },
      );
    },
    [client],
  );

  useEffect(() => {
    load(choice);
    const timer = setInterval(() => load(choice), REFRESH_MS);
    return () => clearInterval(timer);
  }, [choice, load]);

  const back = () => {
    const wasOpenedByBadge = store.getState().snapshot?.supervisor != null;
    client.request('supervisor.close', {}).catch((err: unknown) => {
      // Only a desk left in supervisor mode is worth a red line on the pack screen.
      if (wasOpenedByBadge)
        store.getState().setFailure({ method: 'supervisor.close', error: envelopeOf(err), code: null, at: Date.now() });
    });
    window.location.hash = '#/';
  };

  const { view } = loaded;
  const tz = view ? safeZone(view.timezone) : zone.current;
  const current = view !== null && loaded.choice === choice;
  const days =
    choice.kind === 'days' ? { from: choice.from, to: choice.to } : daysOf(boundsOf(choice, Date.now(), tz), tz);

  return (
    <div className="supervisor-screen" data-testid="supervisor-view" data-loading={loaded.busy}>
      <nav className="supervisor-nav">
        <button type="button" className="back" data-testid="supervisor-back" onClick={back}>
          ← {t('supervisor.back')}
        </button>
        <h1>{t('supervisor.title')}</h1>
        {view ? <span className="scope">{t(`supervisor.scope.${view.scope}`)}</span> : null}
        {openedBy ? (
          <span className="opened-by" data-testid="supervisor-name">
            {t('supervisor.openedBy', { name: openedBy.name })}
          </span>
        ) : null}
        <SupervisorTabs tab={tab} onChange={setTab} />
      </nav>
      {tab === 'stock' ? <StockBoard timeZone={tz} /> : null}
      {tab === 'figures' ? (
        <>
          <div className="supervisor-toolbar">
            <RangePicker choice={choice} days={days} onChange={setChoice} />
            <button type="button" data-testid="supervisor-refresh" onClick={() => load(choice)} disabled={loaded.busy}>
              {loaded.busy && view ? t('supervisor.refreshing') : t('supervisor.refresh')}
            </button>
            {view ? (
              <span className="muted" data-testid="supervisor-updated">
                {t('supervisor.updatedAt', { time: clockTime(view.generatedAt, tz) })}
              </span>
            ) : null}
          </div>
          {loaded.error ? (
            <p className="save-error" data-testid="supervisor-error" role="alert">
              {t('supervisor.loadError', { message: loaded.error })}{' '}
              <button type="button" onClick={() => load(choice)}>
                {t('supervisor.retry')}
              </button>
            </p>
          ) : null}
          {view ? (
            <main className="supervisor-main" data-testid="supervisor-main" data-from={view.from} data-to={view.to}>
              <Alerts view={view} timeZone={tz} />
              <Cutoffs />
              <TrackingAlerts />
              <Totals view={view} />
              <Tiles view={view} />
              <section className="supervisor-section">
                <HourlyCharts view={view} />
                <StationHourlyChart view={view} />
              </section>
              <Leaderboard view={view} />
              <LayoutComparison view={view} />
              <Incidents view={view} timeZone={tz} />
              <Exceptions view={view} timeZone={tz} />
              <CsvExport range={current ? { from: view.from, to: view.to } : null} />
            </main>
          ) : loaded.error ? null : (
            <p className="waiting">{t('supervisor.loading')}</p>
          )}
        </>
      ) : null}
    </div>
  );
}
