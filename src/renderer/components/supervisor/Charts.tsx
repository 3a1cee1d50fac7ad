// Hour-by-hour charts: the floor's throughput (bars) and scan error rate (line), and one line per
// station so a slow desk stands out. Animation is off: the view refreshes every 30 s, and bars that
// regrow each time would draw the eye for no reason.
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { SupervisorView } from '../../../contract/api/supervisor.js';
import type { StatsGroup } from '../../../contract/stats.js';
import { CHART, MARGIN, paletteColor, TICK } from './chartStyle.js';
import { axisPercent, hourLabel, percentValue } from './format.js';
import { stationName } from './names.js';

function byHour(groups: StatsGroup[]): StatsGroup[] {
  return groups
    .filter((g) => g.key.hour !== undefined)
    .sort((a, b) => (a.key.hour ?? '').localeCompare(b.key.hour ?? ''));
}

/** Whether the hour keys ("2026-11-25 09") span more than one calendar day. */
function spansDays(groups: StatsGroup[]): boolean {
  return new Set(groups.map((g) => (g.key.hour ?? '').slice(0, 10))).size > 1;
}

export function HourlyCharts({ view }: { view: SupervisorView }) {
  const { t } = useTranslation();
  const groups = byHour(view.hourly);
  const multiDay = spansDays(groups);
  const data = groups.map((g) => ({
    hour: hourLabel(g.key.hour ?? '', multiDay),
    units: g.figures.units,
    errorRate: percentValue(g.figures.errorRate),
  }));
  const errorsName = t('supervisor.charts.errorRate');
  return (
    <div className="charts-row">
      <figure className="chart" data-testid="chart-hourly-units" data-points={data.length}>
        <figcaption>{t('supervisor.charts.hourly')}</figcaption>
        {data.length === 0 ? (
          <p className="muted">{t('supervisor.charts.noData')}</p>
        ) : (
          <BarChart {...CHART} data={data} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="hour" tick={TICK} />
            <YAxis allowDecimals={false} tick={TICK} />
            <Tooltip />
            <Bar dataKey="units" name={t('supervisor.charts.units')} fill={paletteColor(0)} isAnimationActive={false} />
          </BarChart>
        )}
      </figure>
      <figure className="chart" data-testid="chart-hourly-errors" data-points={data.length}>
        <figcaption>{t('supervisor.charts.hourlyErrors')}</figcaption>
        {data.length === 0 ? (
          <p className="muted">{t('supervisor.charts.noData')}</p>
        ) : (
          <LineChart {...CHART} data={data} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="hour" tick={TICK} />
            <YAxis tickFormatter={axisPercent} tick={TICK} />
            <Tooltip formatter={(v) => [axisPercent(Number(v)), errorsName]} />
            <Line
              dataKey="errorRate"
              name={errorsName}
              stroke={paletteColor(1)}
              strokeWidth={3}
              isAnimationActive={false}
            />
          </LineChart>
        )}
      </figure>
    </div>
  );
}

interface StationRow {
  hour: string;
  units: Record<string, number>;
}

export function StationHourlyChart({ view }: { view: SupervisorView }) {
  const { t } = useTranslation();
  const groups = byHour(view.stationHourly).filter((g) => g.key.station !== undefined);
  const multiDay = spansDays(groups);
  const stations = [...new Set(groups.map((g) => g.key.station ?? ''))].sort((a, b) =>
    stationName(view, a).localeCompare(stationName(view, b)),
  );
  // One row per hour, one value per station; an hour a station did nothing counts as zero.
  const rows = new Map<string, StationRow>();
  for (const g of groups) {
    const hour = g.key.hour ?? '';
    const row = rows.get(hour) ?? { hour: hourLabel(hour, multiDay), units: {} };
    row.units[g.key.station ?? ''] = g.figures.units;
    rows.set(hour, row);
  }
  const data = [...rows.values()];
  return (
    <figure
      className="chart wide"
      data-testid="chart-station-hourly"
      data-stations={stations.length}
      data-points={data.length}
    >
      <figcaption>{t('supervisor.charts.stations')}</figcaption>
      {data.length === 0 ? (
        <p className="muted">{t('supervisor.charts.noData')}</p>
      ) : (
        <LineChart width={CHART.width * 2} height={CHART.height} data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="hour" tick={TICK} />
          <YAxis allowDecimals={false} tick={TICK} />
          <Tooltip />
          <Legend wrapperStyle={TICK} />
          {stations.map((id, i) => (
            // A function key: station ids may contain dots, which a string dataKey reads as a path.
            <Line
              key={id}
              dataKey={(row: StationRow) => row.units[id] ?? 0}
              name={stationName(view, id)}
              stroke={paletteColor(i)}
              strokeWidth={3}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </figure>
  );
}
