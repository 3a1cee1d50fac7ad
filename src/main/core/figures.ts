// Today's counters for the desk and the logged-in packer's own figures, straight from the desk's
// tables (one station's volume; the event-log statistics module is for ranges and comparisons).
import type { PackerFigures } from '../../contract/api.js';
import type { Counters } from '../../contract/station.js';
import { localDayStart, localDateTime, zoneOffsetMinutes } from '../../base/time.js';
import type { DeskContext } from './packing/context.js';

const HOUR = 3_600_000;

function packed(ctx: DeskContext, since: number, packerId: string | null): { orders: number; units: number } {
  return ctx.stores.packs.completedSince(ctx.stationId, since, packerId);
}

function scanErrors(ctx: DeskContext, since: number, packerId: string | null): number {
  return ctx.stores.packs.scanErrorsSince(ctx.stationId, since, packerId);
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
  const best = ctx.stores.packs.bestHour(ctx.stationId, packer.id, offset);
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
