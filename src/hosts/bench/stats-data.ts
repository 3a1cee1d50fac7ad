// Deterministic synthetic event logs for the stats tests and `npm run bench`. Three stations with the
// seed's layouts and speeds (DESIGN §4: U-shaped fastest and most accurate, straight slowest), two
// packers each on day and night shifts with logouts between, coffee breaks as idle gaps, scan errors,
// weighing, parcels with shipping costs, labels with the odd reprint and pending waybill, and station
// S2 rebuilt from island to U-shaped half-way through the range.
import type { Layout } from '../../contract/entities.js';
import type { Handover, LayoutPeriod, ShiftDef, StatsEvent } from '../../contract/stats.js';
import { Rng } from '../../base/prng.js';

export interface SyntheticOptions {
  /** First instant; default 2026-11-02 00:00 in Asia/Shanghai. */
  start?: number;
  seed?: number;
  /** Scramble the order, as a hub merging replayed station logs may see it. */
  shuffle?: boolean;
}

export interface SyntheticLog {
  events: StatsEvent[];
  layouts: LayoutPeriod[];
  handovers: Handover[];
  /** [from, to) covers every event, on whole hours. */
  from: number;
  to: number;
  timezone: string;
  shifts: ShiftDef[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Asia/Shanghai has no DST, so shift changes can be placed without Intl. */
const SHANGHAI_OFFSET = 8 * HOUR;

interface StationSpec {
  id: string;
  layout: Layout;
  secondsPerScan: number;
  errorRate: number;
  packers: [day: string, night: string];
}

const STATIONS: StationSpec[] = [
  { id: 'S1', layout: 'u_shaped', secondsPerScan: 5, errorRate: 0.007, packers: ['P1', 'P2'] },
  { id: 'S2', layout: 'island', secondsPerScan: 7, errorRate: 0.015, packers: ['P3', 'P4'] },
  { id: 'S3', layout: 'straight', secondsPerScan: 8, errorRate: 0.021, packers: ['P5', 'P6'] },
];
// The packer's errors only: a bad check digit is the scanner's misread and not in the error rate.
const ERROR_VERDICTS = ['wrong_item', 'unknown_code', 'over_scan'] as const;

function stationLog(
  spec: StationSpec,
  quota: number,
  start: number,
  rnd: () => number,
  handovers: Handover[],
): StatsEvent[] {
  const out: StatsEvent[] = [];
  let t = start;
  let packer: string | null = null;
  let packNo = 0;
  const push = (type: string, payload: Record<string, unknown>) => {
    out.push({ id: `${spec.id}-${out.length}`, type, at: t, stationId: spec.id, packerId: packer, payload });
  };
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo));
  while (out.length < quota) {
    const localHour = Math.floor(((t + SHANGHAI_OFFSET) % DAY) / HOUR);
    const onShift = localHour >= 8 && localHour < 20 ? spec.packers[0] : spec.packers[1];
    if (onShift !== packer) {
      t += SECOND;
      if (packer !== null) push('packer.logout', { packerId: packer });
      t += between(2 * MINUTE, 10 * MINUTE);
      packer = onShift;
      push('packer.login', { packerId: packer, role: 'packer' });
    }
    if (rnd() < 0.03) t += between(6 * MINUTE, 30 * MINUTE);
    const packId = `${spec.id}-k${++packNo}`;
    const orderId = `${spec.id}-o${packNo}`;
    const units = between(1, 5);
    if (rnd() < 0.005) push('order.intercepted', { orderId, reason: 'order_cancelled', packId: null });
    if (rnd() < 0.003) push('order.released', { orderId, supervisorId: 'SUP', was: 'held' });
    t += between(2 * SECOND, 6 * SECOND);
    const startedAt = t;
    push('pack.started', {
      packId,
      orderId,
      channel: 'channels_shop',
      units,
      lines: [],
      paidAt: t - between(HOUR, 48 * HOUR),
    });
    for (let u = 0; u < units; u++) {
      t += Math.round(spec.secondsPerScan * SECOND * (0.5 + rnd()));
      if (rnd() < spec.errorRate) {
        push('scan.recorded', { packId, verdict: ERROR_VERDICTS[packNo % 3], qty: 1, code: 'X' });
        t += 3 * SECOND;
      }
      push('scan.recorded', { packId, verdict: 'item_ok', qty: 1, code: 'SKU' });
    }
    t += between(3 * SECOND, 8 * SECOND);
    if (rnd() < 0.02) {
      push('weight.exception', { packId, orderId, parcelNo: 1, weightG: 900, expectedG: 700, toleranceG: 50 });
      t += 20 * SECOND;
      push('weight.accepted', {
        packId,
        orderId,
        parcelNo: 1,
        weightG: 900,
        expectedG: 700,
        toleranceG: 50,
        override: { supervisorId: 'SUP', reason: 'scale' },
      });
    } else {
      push('weight.accepted', {
        packId,
        orderId,
        parcelNo: 1,
        weightG: 700,
        expectedG: 700,
        toleranceG: 50,
        override: null,
      });
    }
    const parcelId = `${packId}-1`;
    const costFen = rnd() < 0.05 ? null : between(600, 1500);
    push('parcel.packed', {
      parcelId,
      packId,
      orderId,
      parcelNo: 1,
      carrier: 'SF',
      valueFen: between(2000, 20000),
      costFen,
    });
    if (rnd() < 0.9) handovers.push({ parcelId, at: t + between(2 * HOUR, 8 * HOUR) });
    t += 2 * SECOND;
    if (rnd() < 0.01) {
      push('label.pending', { parcelId, orderId, carrier: 'SF' });
      t += 30 * SECOND;
    }
    push('label.printed', { labelId: `${parcelId}-L`, parcelId, orderId, waybill: 'W', reprint: false });
    if (rnd() < 0.02) {
      t += 10 * SECOND;
      push('label.printed', { labelId: `${parcelId}-R`, parcelId, orderId, waybill: 'W', reprint: true });
    }
    t += SECOND;
    push('pack.completed', { packId, orderId, parcels: 1, units, startedAt, durationMs: t - startedAt });
  }
  out.length = quota;
  return out;
}

/** Merges per-station logs (each in time order) into one, ties in station order. */
function merge(logs: StatsEvent[][]): StatsEvent[] {
  const out: StatsEvent[] = [];
  const heads = logs.map(() => 0);
  for (;;) {
    let best = -1;
    let bestAt = Number.POSITIVE_INFINITY;
    for (let i = 0; i < logs.length; i++) {
      const e = logs[i]?.[heads[i] ?? 0];
      if (e && e.at < bestAt) {
        best = i;
        bestAt = e.at;
      }
    }
    if (best < 0) return out;
    out.push(logs[best]?.[heads[best] ?? 0] as StatsEvent);
    heads[best] = (heads[best] ?? 0) + 1;
  }
}

/** About n/7.6 packs; exactly `n` events split evenly over the three stations. */
export function syntheticEvents(n: number, opts: SyntheticOptions = {}): SyntheticLog {
  const start = opts.start ?? Date.UTC(2026, 10, 1, 16);
  const stream = new Rng(opts.seed ?? 1);
  const rnd = () => stream.next();
  const handovers: Handover[] = [];
  const logs = STATIONS.map((spec, i) =>
    stationLog(spec, Math.floor(n / 3) + (i < n % 3 ? 1 : 0), start, rnd, handovers),
  );
  const events = merge(logs);
  const last = events[events.length - 1]?.at ?? start;
  const to = Math.ceil((last + 1) / HOUR) * HOUR;
  const rebuiltAt = start + Math.round((to - start) / 2 / HOUR) * HOUR;
  const layouts: LayoutPeriod[] = STATIONS.map((s) => ({ stationId: s.id, layout: s.layout, from: start - 30 * DAY }));
  layouts.push({ stationId: 'S2', layout: 'u_shaped', from: rebuiltAt });
  if (opts.shuffle) {
    for (let i = events.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      const tmp = events[i] as StatsEvent;
      events[i] = events[j] as StatsEvent;
      events[j] = tmp;
    }
  }
  return {
    events,
    layouts,
    handovers,
    from: start,
    to,
    timezone: 'Asia/Shanghai',
    shifts: [
      { name: 'day', start: '08:00', end: '20:00' },
      { name: 'night', start: '20:00', end: '08:00' },
    ],
  };
}
