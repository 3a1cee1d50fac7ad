// A hand-made SupervisorView (alert params spelled as src/domain/stats/supervisor.ts sends them) for the supervisor tests: three stations (one offline with every kind
// of trouble), three packers, two layouts with figures, two exceptions.
import type { PackerFigures, StationTile, SupervisorView } from '../../src/contract/api/supervisor.js';
import type { Figures, StatsGroup } from '../../src/contract/stats.js';
import { emptyFigures } from '../../src/domain/stats/compute.js';

export const TZ = 'Asia/Shanghai';
/** 2026-11-25 15:00 in Shanghai. */
export const GENERATED_AT = Date.UTC(2026, 10, 25, 7, 0);
/** 2026-11-25 00:00 and 2026-11-26 00:00 in Shanghai. */
export const DAY_FROM = Date.UTC(2026, 10, 24, 16, 0);
export const DAY_TO = Date.UTC(2026, 10, 25, 16, 0);
const MIN = 60_000;

export function figures(over: Partial<Figures> = {}): Figures {
  return { ...emptyFigures(), ...over };
}

export function tile(over: Partial<StationTile> & Pick<StationTile, 'stationId' | 'name'>): StationTile {
  return {
    layout: 'u_shaped',
    online: true,
    lastSeenAt: GENERATED_AT - 5_000,
    packer: null,
    ordersToday: 0,
    unitsToday: 0,
    unitsPerHourToday: null,
    errorRateToday: null,
    errorRateLastHour: null,
    queueDepth: 0,
    deadLetters: 0,
    deviceFaults: [],
    labelPending: 0,
    ...over,
  };
}

const group = (key: StatsGroup['key'], over: Partial<Figures>): StatsGroup => ({ key, figures: figures(over) });

export function supervisorView(over: Partial<SupervisorView> = {}): SupervisorView {
  return {
    scope: 'hub',
    generatedAt: GENERATED_AT,
    from: DAY_FROM,
    to: DAY_TO,
    timezone: TZ,
    total: figures({ orders: 92, units: 290, unitsPerActiveHour: 58.4, errorRate: 0.0123 }),
    tiles: [
      tile({
        stationId: 'S1',
        name: '一号台',
        packer: { id: 'U1', name: '李四' },
        ordersToday: 40,
        unitsToday: 130,
        unitsPerHourToday: 65.24,
        errorRateToday: 0.0071,
      }),
      tile({
        stationId: 'S2',
        name: '二号台',
        layout: 'straight',
        online: false,
        lastSeenAt: GENERATED_AT - 12 * MIN,
        ordersToday: 22,
        unitsToday: 70,
        unitsPerHourToday: 41.5,
        errorRateToday: 0.025,
        errorRateLastHour: 0.034,
        queueDepth: 17,
        deviceFaults: [{ role: 'printer', state: 'error', detail: '缺纸' }],
        labelPending: 31,
      }),
      tile({
        stationId: 'S3',
        name: '三号台',
        layout: 'island',
        packer: { id: 'U2', name: '王五' },
        ordersToday: 30,
        unitsToday: 90,
      }),
    ],
    hourly: [
      group({ hour: '2026-11-25 10' }, { units: 75, errorRate: null }),
      group({ hour: '2026-11-25 09' }, { units: 60, errorRate: 0.01 }),
      group({ hour: '2026-11-25 11' }, { units: 50, errorRate: 0.02 }),
    ],
    stationHourly: [
      group({ station: 'S1', hour: '2026-11-25 09' }, { units: 35 }),
      group({ station: 'S2', hour: '2026-11-25 09' }, { units: 25 }),
      group({ station: 'S1', hour: '2026-11-25 10' }, { units: 40 }),
    ],
    packers: [
      group(
        { packer: 'U1' },
        { units: 130, orders: 40, unitsPerActiveHour: 62.5, errorRate: 0.0071, packTimeP50Ms: 42_000 },
      ),
      group({ packer: 'U3' }, { units: 0, orders: 0 }),
      group(
        { packer: 'U2' },
        { units: 90, orders: 30, unitsPerActiveHour: 71.34, errorRate: 0.011, packTimeP50Ms: 185_000 },
      ),
    ],
    layouts: [
      group({ layout: 'u_shaped' }, { units: 220, unitsPerActiveHour: 66.2, errorRate: 0.008 }),
      group({ layout: 'straight' }, { units: 70, unitsPerActiveHour: 41.5, errorRate: 0.025 }),
    ],
    exceptions: [
      {
        id: 'E1',
        orderId: 'WX202611250001',
        stationId: 'S1',
        kind: 'cancelled_while_packed',
        detail: '买家已退款',
        at: GENERATED_AT - 90 * MIN,
      },
      {
        id: 'E2',
        orderId: 'WX202611250002',
        stationId: 'S2',
        kind: 'packed_twice',
        detail: 'S1, S2',
        at: GENERATED_AT - 30 * MIN,
      },
    ],
    alerts: [
      { kind: 'station_offline', stationId: 'S2', params: { minutes: 12 }, since: GENERATED_AT - 12 * MIN },
      {
        kind: 'error_rate',
        stationId: 'S2',
        params: { rate: 3.4, errors: 4, units: 118 },
        since: GENERATED_AT - 20 * MIN,
      },
      {
        kind: 'printer_fault',
        stationId: 'S2',
        params: { state: 'error', detail: '缺纸' },
        since: GENERATED_AT - 15 * MIN,
      },
      { kind: 'label_pending', stationId: 'S2', params: { count: 31 }, since: GENERATED_AT - 40 * MIN },
    ],
    names: { stations: { S1: '一号台', S2: '二号台', S3: '三号台' }, packers: { U1: '李四', U2: '王五', U3: '赵六' } },
    thresholds: { offlineMinutes: 5, errorRate: 0.02, labelPending: 20 },
    ...over,
  };
}

export function packerFigures(over: Partial<PackerFigures> = {}): PackerFigures {
  return {
    packerId: 'U1',
    todayUnits: 130,
    todayOrders: 40,
    thisHourUnits: 18,
    bestHourUnits: 84,
    bestHourAt: '2026-11-20 10',
    errorsToday: 2,
    ...over,
  };
}
