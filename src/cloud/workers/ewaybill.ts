// E-waybill shops (spec §2.7): the hub takes a waybill number from WeChat for each open order in
// advance — precreate, then create with the same ewaybill_order_id on every retry — and hands it to
// the stations with the order (preassigned), so a desk can print it even while offline. Before the
// shipment is reported, WeChat is told the label was printed (order/print), then delivery/send.
import { route } from '../../domain/routing.js';
import { MAX_PRINT_INFO, type RoutingTable } from '../../contract/sync.js';
import type { ChannelsApi, EwaybillOrderInput } from '../wechat/index.js';
import type { ChannelsShopConfig } from '../config.js';
import type { HubContext } from '../context.js';
import type { EwaybillRow, HubOrderRow } from '../store/types.js';
import { LeasedLoop } from './leased-loop.js';

const MAX_ATTEMPTS = 5;

export class EwaybillWorker {
  private readonly loop: LeasedLoop;

  constructor(
    private readonly ctx: HubContext,
    private readonly shop: ChannelsShopConfig,
    private readonly api: ChannelsApi,
  ) {
    this.loop = new LeasedLoop(
      this.ctx.leases,
      `ewaybill:${this.shop.id}`,
      () => this.round(),
      1000,
      (err: unknown) => this.ctx.warn('e-waybill worker: a round failed', { error: String(err) }),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Issues waybills for up to 20 orders that need one. */
  async round(): Promise<void> {
    const ids = await this.ctx.store.tx((t) => t.ewaybills.needing(this.shop.id, MAX_ATTEMPTS, 20));
    for (const id of ids) {
      if (this.loop.stopped) return;
      await this.issue(id);
    }
  }

  private input(
    order: HubOrderRow,
    carrier: string,
    account: { siteCode: string; acctId: string },
  ): EwaybillOrderInput {
    const e = this.shop.ewaybill;
    return {
      deliveryId: carrier,
      siteCode: account.siteCode,
      acctId: account.acctId,
      sender: e.sender,
      // The masked receiver as the order has it: the e-waybill API accepts it (spec §2.7).
      receiver: {
        name: order.recipientName,
        mobile: order.recipientPhone,
        province: order.address.province,
        city: order.address.city,
        county: order.address.district,
        address: order.address.detail,
      },
      orders: [
        {
          orderId: order.id,
          goods: order.lines.map((l) => {
            const ref = order.wechatLines.find((w) => w.lineNo === l.lineNo);
            return { name: l.title, count: l.qty, productId: ref?.productId ?? '', skuId: ref?.skuId ?? '' };
          }),
        },
      ],
    };
  }

  private async issue(orderId: string): Promise<void> {
    const prep = await this.ctx.store.tx(async (t) => {
      const order = await t.orders.get(orderId);
      if (!order) return null;
      const existing = await t.ewaybills.get(orderId);
      let carrier = existing?.carrier;
      if (!carrier) {
        const table = await t.settings.get<RoutingTable>('routing');
        // eslint-disable-next-line @typescript-eslint/await-thenable -- the store interface is Awaitable; SQLite answers at once
        const products = await Promise.all(order.lines.map((l) => t.products.get(l.productId)));
        const weightG = order.lines.reduce((g, l, i) => g + (products[i]?.unitWeightG ?? 0) * l.qty, 0);
        const categories = products.flatMap((p) => (p ? [p.category] : []));
        carrier = table
          ? route(table, { categories, valueFen: order.valueFen, province: order.address.province, weightG }).carrier
          : 'ZTO';
      }
      return { order, existing, carrier };
    });
    if (!prep) return;
    const { order, existing, carrier } = prep;
    const base: EwaybillRow = existing ?? {
      orderId,
      shopId: this.shop.id,
      ewaybillOrderId: null,
      carrier,
      waybill: null,
      state: 'precreated',
      attempts: 0,
      error: null,
      updatedAt: this.ctx.now(),
    };
    const account = this.shop.ewaybill.accounts[carrier];
    if (!account) {
      // Not an e-waybill carrier for this shop: the desk prints from its number pool instead.
      const error = `no e-waybill account for carrier ${carrier} in wechat.shops[${this.shop.id}].ewaybill.accounts`;
      await this.ctx.store.tx((t) =>
        t.ewaybills.upsert({ ...base, state: 'failed', attempts: MAX_ATTEMPTS, error, updatedAt: this.ctx.now() }),
      );
      return;
    }
    const input = this.input(order, carrier, account);
    let ewaybillOrderId = base.ewaybillOrderId;
    try {
      if (!ewaybillOrderId) {
        ewaybillOrderId = await this.api.precreate(input);
        // Kept before create: a retry after a lost answer asks for the same order, not a new one.
        const id = ewaybillOrderId;
        await this.ctx.store.tx((t) =>
          t.ewaybills.upsert({ ...base, ewaybillOrderId: id, state: 'precreated', updatedAt: this.ctx.now() }),
        );
      }
      const templateId = this.shop.ewaybill.templateId;
      const created = await this.api.create(ewaybillOrderId, { ...input, templateId });
      // The desk's print component needs print_info (wechat-api-2.md §1.5); create does not always
      // carry it [C33], and a create read back after 10025019 never does. Without it the whole step
      // is retried, so no station prints this waybill with a label of its own.
      const printInfo =
        created.printInfo ?? (await this.api.printInfo({ ewaybillOrderId: created.ewaybillOrderId, templateId }));
      if (printInfo.length > MAX_PRINT_INFO)
        throw new Error(`print_info of ${printInfo.length} characters is over the ${MAX_PRINT_INFO} a station takes`);
      await this.ctx.store.tx(async (t) => {
        await t.ewaybills.upsert({
          ...base,
          ewaybillOrderId: created.ewaybillOrderId,
          waybill: created.waybillId,
          state: 'created',
          error: null,
          updatedAt: this.ctx.now(),
        });
        await t.orders.setPreassigned(orderId, {
          carrier,
          waybill: created.waybillId,
          ewaybillOrderId: created.ewaybillOrderId,
          printInfo,
          templateId,
        });
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const id = ewaybillOrderId;
      await this.ctx.store.tx((t) =>
        t.ewaybills.upsert({
          ...base,
          ewaybillOrderId: id,
          state: 'failed',
          attempts: base.attempts + 1,
          error: message,
          updatedAt: this.ctx.now(),
        }),
      );
      this.ctx.log('e-waybill not issued yet; stations use the number pool meanwhile', {
        orderId,
        attempt: base.attempts + 1,
        error: message,
      });
    }
  }
}

/** Tell WeChat the label with this e-waybill was printed (order/print), once, before delivery/send. */
export async function notifyPrinted(
  ctx: HubContext,
  api: ChannelsApi,
  orderId: string,
  waybills: (string | null)[],
): Promise<void> {
  const row = await ctx.store.tx((t) => t.ewaybills.get(orderId));
  if (!row || row.state !== 'created' || !row.ewaybillOrderId || !row.waybill || !waybills.includes(row.waybill))
    return;
  await api.printDone({
    ewaybillOrderId: row.ewaybillOrderId,
    deliveryId: row.carrier,
    waybillId: row.waybill,
    reprint: false,
  });
  await ctx.store.tx((t) => t.ewaybills.upsert({ ...row, state: 'printed', updatedAt: ctx.now() }));
}
