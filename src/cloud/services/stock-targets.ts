// Each channel's share of each SKU as the ledger stands: levels from the ledger, sales velocity
// from paid reservations, the allocation rules of domain/stock/allocation.ts. The stock publisher
// and the stock board both read it from here, so what the board shows is what gets published.
import { allocate, type Allocation, type AllocationChannel } from '../../domain/stock/allocation.js';
import type { StockChannelConfig, StockConfig } from '../config-stock.js';
import type { HubTx } from '../store/types.js';
import { readLevels, readSales, type SkuLevel } from './stock-levels.js';

const DAY_MS = 86_400_000;

/** Units each channel reserved of each SKU in the velocity window: sku → channel → units. */
export type SalesBySku = Map<string, Record<string, number>>;

export interface SkuShares {
  level: SkuLevel;
  allocation: Allocation;
}

export function allocationChannels(channels: readonly StockChannelConfig[]): AllocationChannel[] {
  return channels.map((c) => ({
    id: c.id,
    policy: c.policy,
    ratio: c.ratio,
    weight: c.weight,
    dedicatedPool: c.dedicatedPool,
  }));
}

export async function salesBySku(t: HubTx, stock: StockConfig, now: number): Promise<SalesBySku> {
  const out: SalesBySku = new Map();
  for (const s of await readSales(t, now - stock.velocityDays * DAY_MS)) {
    const row = out.get(s.sku) ?? {};
    row[s.channel] = (row[s.channel] ?? 0) + s.qty;
    out.set(s.sku, row);
  }
  return out;
}

/** Shares of `skus` (every SKU the ledger knows, and every bundle, when null). */
export async function readShares(
  t: HubTx,
  stock: StockConfig,
  skus: readonly string[] | null,
  sales: SalesBySku,
): Promise<SkuShares[]> {
  const channels = allocationChannels(stock.channels);
  const settings = { safetyReservePct: stock.safetyReservePct, displayFactor: stock.displayFactor };
  return (await readLevels(t, skus)).map((level) => ({
    level,
    allocation: allocate(level, channels, settings, sales.get(level.sku) ?? {}),
  }));
}

/** Units sold per day of one SKU over the window, every channel together. */
export function velocityPerDay(stock: StockConfig, sold: Readonly<Record<string, number>> | undefined): number {
  const units = Object.values(sold ?? {}).reduce((a, b) => a + b, 0);
  return units / stock.velocityDays;
}
