// A hub store with a small catalogue and the stock ledger on, for the stock unit tests: plain
// products TEA and CUP, the bundle GIFT (2 TEA + 1 CUP), a manual clock, and the services' context.
import type { Product } from '../../src/contract/entities.js';
import { hubConfigSchema } from '../../src/cloud/config.js';
import type { HubContext } from '../../src/cloud/context.js';
import type { HubStore } from '../../src/cloud/store/types.js';
import { intakeOrder, intakeSchema } from '../../src/cloud/services/intake.js';
import { newId } from '../../src/base/ids.js';
import { openTestStore } from './store.js';

/** 2026-12-02 10:00 China time. */
export const T0 = Date.UTC(2026, 11, 2, 2);

const product = (id: number, sku: string, components: Product['components'] = []): Product => ({
  id,
  sku,
  title: `商品 ${sku}`,
  category: 'general',
  unitWeightG: 100,
  priceFen: 1000,
  barcodes: [],
  components,
});

export const CATALOG: Product[] = [
  product(1, 'TEA'),
  product(2, 'CUP'),
  product(3, 'GIFT', [
    { productId: 1, qty: 2 },
    { productId: 2, qty: 1 },
  ]),
];

export interface StockFixture {
  store: HubStore;
  ctx: HubContext;
  clock: { now: number };
  /** Skus whose stock changed, as the store told the publisher after each commit. */
  changed: string[][];
  /** Posts an intake order (paid unless said otherwise); returns the hub's answer. */
  intake(
    id: string,
    lines: { sku: string; qty: number }[],
    extra?: Record<string, unknown>,
  ): ReturnType<typeof intakeOrder>;
  close(): Promise<void>;
}

export async function stockFixture(stock: Record<string, unknown> = {}): Promise<StockFixture> {
  const store = await openTestStore();
  const clock = { now: T0 };
  const changed: string[][] = [];
  store.onStock((skus) => changed.push(skus));
  const ctx = {
    config: hubConfigSchema.parse({ stock: { enabled: true, ...stock } }),
    store,
    now: () => clock.now,
    log: () => undefined,
    warn: () => undefined,
    stockChanged: () => undefined,
  } as unknown as HubContext;
  await store.tx((t) => t.products.upsert(CATALOG, { at: T0 }));
  return {
    store,
    ctx,
    clock,
    changed,
    intake: (id, lines, extra = {}) =>
      intakeOrder(
        ctx,
        intakeSchema.parse({
          id,
          channel: 'mini_program',
          recipientName: '张三',
          recipientPhone: '13800000000',
          address: { province: '上海市', city: '上海市', district: '浦东新区', detail: '张江路1号' },
          paidAt: clock.now,
          lines: lines.map((l) => ({ ...l, priceFen: 1000 })),
          payment: { appId: 'wx-mini-1', transactionId: `tx-${id}`, payerOpenid: 'openid-1' },
          ...extra,
        }),
      ),
    close: () => store.close(),
  };
}

/** A station event as the desk's outbox sends it. */
export function deskEvent(type: string, payload: Record<string, unknown>, at: number, stationId = 'ST-1') {
  return { id: newId(at), type, at, stationId, packerId: 'P-1', payload };
}
