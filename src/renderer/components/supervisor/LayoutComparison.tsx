// Layouts side by side against the reference each one is expected to reach (LAYOUT_REFERENCE):
// pace and scan error rate as bars, the references as dashed lines, and the same in a table.
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { SupervisorView } from '../../../contract/api/supervisor.js';
import { LAYOUTS } from '../../../contract/entities.js';
import { LAYOUT_REFERENCE, type Figures } from '../../../contract/stats.js';
import { LAYOUT_COLORS, MARGIN, SMALL_CHART, TICK } from './chartStyle.js';
import { axisNumber, axisPercent, NONE, oneDecimal, percent, percentValue } from './format.js';
import { layoutName } from './names.js';
import { Rate } from './Rate.js';

interface LayoutRow {
  layout: string;
  name: string;
  figures: Figures | null;
  reference: { unitsPerHour: number; errorRate: number } | null;
  color: string;
}

/** Every known layout (its reference is worth seeing even with no work yet), then any other the figures name. */
export function layoutRows(view: SupervisorView, name: (layout: string) => string): LayoutRow[] {
  const found = new Map(
    view.layouts.filter((g) => g.key.layout !== undefined).map((g) => [g.key.layout ?? '', g.figures]),
  );
  const order = [...LAYOUTS, ...[...found.keys()].filter((l) => !(LAYOUTS as readonly string[]).includes(l))];
  return order.map((layout) => ({
    layout,
    name: name(layout),
    figures: found.get(layout) ?? null,
    reference:
      (LAYOUT_REFERENCE as Record<string, { unitsPerHour: number; errorRate: number } | undefined>)[layout] ?? null,
    color: LAYOUT_COLORS[layout] ?? '#555b61',
  }));
}

/** The dashed lines' key, under the chart: labels on the lines themselves would overlap (45 vs 52). */
function ReferenceLegend({ rows, value }: { rows: LayoutRow[]; value: (r: LayoutRow) => string }) {
  const { t } = useTranslation();
  return (
    <ul className="reference-legend" data-testid="reference-legend">
      {rows.map((r) => (
        // Dark text beside the coloured line: orange text on white fails WCAG contrast (issue 12 §6 legends).
        <li key={r.layout} data-layout={r.layout}>
          <svg width="28" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="28" y2="4" stroke={r.color} strokeWidth="3" strokeDasharray="6 4" />
          </svg>{' '}
          {t('supervisor.layouts.referenceLine', { layout: r.name, value: value(r) })}
        </li>
      ))}
    </ul>
  );
}

/** Each chart's reference value for a row, in the chart's unit (the error chart plots percent). */
const unitsRef = (r: LayoutRow): number | null => r.reference?.unitsPerHour ?? null;
const errorRef = (r: LayoutRow): number | null => percentValue(r.reference?.errorRate ?? null);

/** Plain functions, not components: recharts only draws elements that are its direct children. */
function barCells(rows: LayoutRow[]) {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- recharts 3 still draws Cell; its successor (Bar `shape`) means redrawing both charts
  return rows.map((r) => <Cell key={r.layout} fill={r.color} />);
}

function referenceLines(rows: LayoutRow[], y: (r: LayoutRow) => number | null) {
  return rows.map((r) => (
    <ReferenceLine key={r.layout} y={y(r) ?? undefined} stroke={r.color} strokeDasharray="6 4" strokeWidth={2} />
  ));
}

function data(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export function LayoutComparison({ view }: { view: SupervisorView }) {
  const { t } = useTranslation();
  const rows = layoutRows(view, (l) => layoutName(l, t));
  const chartData = rows.map((r) => ({
    name: r.name,
    unitsPerHour: r.figures?.unitsPerActiveHour ?? null,
    errorRate: percentValue(r.figures?.errorRate ?? null),
  }));
  const referenced = rows.filter((r) => r.reference !== null);
  const unitsLabel = t('supervisor.layouts.unitsPerHour');
  const errorLabel = t('supervisor.layouts.errorRate');
  return (
    <section className="supervisor-section" data-testid="layout-comparison" aria-label={t('supervisor.layouts.title')}>
      <h2>{t('supervisor.layouts.title')}</h2>
      <div className="charts-row">
        <figure className="chart" data-testid="chart-layout-units">
          <figcaption>{unitsLabel}</figcaption>
          <BarChart {...SMALL_CHART} data={chartData} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={TICK} />
            {/* Room above the highest reference, so its line is never clipped. */}
            <YAxis
              tick={TICK}
              tickFormatter={axisNumber}
              domain={[0, (max: number) => Math.ceil(Math.max(max, ...referenced.map((r) => unitsRef(r) ?? 0)) * 1.15)]}
            />
            <Tooltip formatter={(v) => [oneDecimal(typeof v === 'number' ? v : null), unitsLabel]} />
            <Bar dataKey="unitsPerHour" name={unitsLabel} isAnimationActive={false}>
              {barCells(rows)}
            </Bar>
            {referenceLines(referenced, unitsRef)}
          </BarChart>
          <ReferenceLegend rows={referenced} value={(r) => String(r.reference?.unitsPerHour ?? NONE)} />
        </figure>
        <figure className="chart" data-testid="chart-layout-errors">
          <figcaption>{errorLabel}</figcaption>
          <BarChart {...SMALL_CHART} data={chartData} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={TICK} />
            <YAxis
              tick={TICK}
              tickFormatter={axisPercent}
              // Rounded up to a whole half percent so the ticks read 0 / 1 / 2 / 3 %, not 0.65 / 1.3 / 1.95.
              tickCount={4}
              domain={[
                0,
                (max: number) => Math.ceil(Math.max(max, ...referenced.map((r) => errorRef(r) ?? 0)) * 1.2 * 2) / 2,
              ]}
            />
            <Tooltip formatter={(v) => [axisPercent(Number(v)), errorLabel]} />
            <Bar dataKey="errorRate" name={errorLabel} isAnimationActive={false}>
              {barCells(rows)}
            </Bar>
            {referenceLines(referenced, errorRef)}
          </BarChart>
          <ReferenceLegend rows={referenced} value={(r) => percent(r.reference?.errorRate)} />
        </figure>
      </div>
      <table className="supervisor-table">
        <thead>
          <tr>
            <th>{t('supervisor.layouts.layout')}</th>
            <th className="num">
              {unitsLabel} · {t('supervisor.layouts.actual')}
            </th>
            <th className="num">{t('supervisor.layouts.reference')}</th>
            <th className="num">
              {errorLabel} · {t('supervisor.layouts.actual')}
            </th>
            <th className="num">{t('supervisor.layouts.reference')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.layout}
              data-testid={`layout-${r.layout}`}
              data-units-per-hour={data(r.figures?.unitsPerActiveHour)}
              data-error-rate={data(r.figures?.errorRate)}
              data-reference-units-per-hour={data(r.reference?.unitsPerHour)}
              data-reference-error-rate={data(r.reference?.errorRate)}
            >
              <td className="name">
                <span className="swatch" style={{ background: r.color }} aria-hidden="true" /> {r.name}
              </td>
              <td className="num strong" data-field="unitsPerHour">
                <Rate
                  value={r.figures?.unitsPerActiveHour ?? null}
                  activeMs={r.figures?.activeMs ?? 0}
                  minActiveMinutes={view.minActiveMinutes}
                />
              </td>
              <td className="num muted" data-field="referenceUnitsPerHour">
                {r.reference ? r.reference.unitsPerHour : NONE}
              </td>
              <td className="num strong" data-field="errorRate">
                {percent(r.figures?.errorRate)}
              </td>
              <td className="num muted" data-field="referenceErrorRate">
                {percent(r.reference?.errorRate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
