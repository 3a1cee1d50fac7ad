// Today's counters for the desk and the logged-in packer's own figures, straight from the desk's
// tables (one station's volume; the event-log statistics module is for ranges and comparisons).
import type { PackerFigures } from '../../contract/api.js';
import { SCAN_ERROR_VERDICTS, type Counters } from '../../contract/station.js';
import { localDayStart, localDateTime, zoneOffsetMinutes } from '../../base/time.js';
import type { DeskContext } from './packing/context.js';

const HOUR = 3_600_000;
const ERROR_MARKS = SCAN_ERROR_VERDICTS.map(() => '?').join(',');

/** Completed packs and their units since `since`, for the station or one packer. */
function packed(ctx: DeskContext, since: number, packerId: string | null): { orders: number; units: number } {
  return ctx.db
    .prepare(
      `SELECT count(DISTINCT p.id) AS orders, coalesce(sum(l.scanned), 0) AS units FROM packs p JOIN pack_lines l ON l.pack_id = p.id
       WHERE p.station_id = ? AND p.end_reason = 'completed' AND p.ended_at >= ? AND (? IS NULL OR p.packer_id = ?)`,
    )
    .get(ctx.stationId, since, packerId, packerId) as { orders: number; units: number };
}

function scanErrors(ctx: DeskContext, since: number, packerId: string | null): number {
  return ctx.db
    .prepare(
      `SELECT count(*) FROM scans WHERE at >= ? AND station_id = ? AND (? IS NULL OR packer_id = ?) AND verdict IN (${ERROR_MARKS})`,
    )
    .pluck()
    .get(since, ctx.stationId, packerId, packerId, ...SCAN_ERROR_VERDICTS) as number;
}

export function todayCounters(ctx: DeskContext): Counters {
  const since = localDayStart(ctx.clock.now(), ctx.config.station.timezone);
  const p = packed(ctx, since, null);
  return { orders: p.orders, units: p.units, errors: scanErrors(ctx, since, null) };
}

export function packerFigures(ctx: DeskContext): PackerFigures | null {
  const packer = ctx.rt.packer;
  if (!packer) return null;
  const tz = ctx.config.station.timezone;
  const now = ctx.clock.now();
  const dayStart = localDayStart(now, tz);
  // Local clock hours: shift by the zone's offset (whole hours in China; DST zones use today's).
  const offset = zoneOffsetMinutes(now, tz) * 60_000;
  const hourStart = Math.floor((now + offset) / HOUR) * HOUR - offset;
  const today = packed(ctx, dayStart, packer.id);
  // The offset is bound as a float, so the division would be too: CAST makes it the clock hour.
  const best = ctx.db
    .prepare(
      `SELECT CAST((p.ended_at + ?) / ${HOUR} AS INTEGER) AS h, sum(l.scanned) AS units FROM packs p JOIN pack_lines l ON l.pack_id = p.id
       WHERE p.station_id = ? AND p.packer_id = ? AND p.end_reason = 'completed' GROUP BY h ORDER BY units DESC, h DESC LIMIT 1`,
    )
    .get(offset, ctx.stationId, packer.id) as { h: number; units: number } | undefined;
  return {
    packerId: packer.id,
    todayUnits: today.units,
    todayOrders: today.orders,
    thisHourUnits: packed(ctx, hourStart, packer.id).units,
    bestHourUnits: best?.units ?? 0,
    bestHourAt: best ? localDateTime(best.h * HOUR - offset, tz).slice(0, 13) : null,
    errorsToday: scanErrors(ctx, dayStart, packer.id),
  };
}
