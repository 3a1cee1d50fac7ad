// After-sale disputes at WeChat: reads each after-sale case a push (or an order re-read) names and
// files it for the packing station (services/disputes.ts); sends the proof a supervisor confirmed —
// each still uploaded as an image, then one addcomplaintproof with their media ids.
import type { HubContext } from '../context.js';
import type { ChannelsShopConfig } from '../config.js';
import type { WechatApp } from '../wechat/client.js';
import { addComplaintProof, getAfterSaleOrder, uploadProofImage } from '../wechat/aftersale.js';
import { recordAfterSale } from '../services/disputes.js';
import type { AfterSaleHint, DisputeRow } from '../store/dispute-types.js';
import { LeasedLoop } from './leased-loop.js';

/** Proof waiting is re-checked this often even without a kick (a restart, a failed kick). */
const SEND_EVERY_MS = 60_000;

export class DisputeWorker {
  private readonly sender: LeasedLoop;

  constructor(
    private readonly ctx: HubContext,
    private readonly shopApp: (shopId: string) => WechatApp | null,
  ) {
    this.sender = new LeasedLoop(
      this.ctx.leases,
      'dispute-proof',
      () => this.sendReady(),
      SEND_EVERY_MS,
      (err) => this.ctx.warn('dispute proof round failed', { error: String(err) }),
    );
  }

  start(): void {
    this.sender.start();
  }

  /** A supervisor confirmed proof: send it now. */
  kick(): void {
    this.sender.kick();
  }

  async stop(): Promise<void> {
    await this.sender.stop();
  }

  async note(shopId: string, hint: AfterSaleHint): Promise<void> {
    const app = this.shopApp(shopId);
    if (!app) return;
    try {
      if (!hint.force && (await this.ctx.store.tx((t) => t.disputes.get(hint.afterSaleOrderId)))) return;
      const order = await getAfterSaleOrder(app, hint.afterSaleOrderId);
      const row = await this.ctx.store.tx((t) => recordAfterSale(t, shopId, order, hint.complaintId, this.ctx.now()));
      if (row) this.ctx.log('after-sale case on a packed order', { shopId, caseId: row.caseId, orderId: row.orderId });
    } catch (err) {
      this.ctx.warn('after-sale case could not be read; the next push or order read tries again', {
        shopId,
        afterSaleOrderId: hint.afterSaleOrderId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  private async sendReady(): Promise<void> {
    for (const row of await this.ctx.store.tx((t) => t.disputes.ready(20))) {
      if (this.sender.stopped) return;
      const outcome = await this.send(row);
      await this.ctx.store.tx((t) => t.disputes.finish(row.caseId, outcome, this.ctx.now()));
      if (outcome.state === 'failed')
        this.ctx.warn('dispute proof not sent', { caseId: row.caseId, error: outcome.error });
      else this.ctx.log('dispute proof sent', { caseId: row.caseId, images: outcome.mediaIds.length });
    }
  }

  private async send(
    row: DisputeRow,
  ): Promise<{ state: 'sent'; mediaIds: string[] } | { state: 'failed'; error: string }> {
    const shop = this.ctx.config.wechat.shops.find((s) => s.id === row.shopId);
    const app = this.shopApp(row.shopId);
    if (!shop || !app) return { state: 'failed', error: `shop ${row.shopId} is no longer in the hub config` };
    const proof: ChannelsShopConfig['afterSaleProof'] = shop.afterSaleProof;
    if (!proof.enabled)
      return { state: 'failed', error: `wechat.shops[${row.shopId}].afterSaleProof.enabled is false` };
    try {
      const mediaIds: string[] = [];
      for (const still of await this.ctx.store.tx((t) => t.disputes.stills(row.caseId)))
        mediaIds.push(await uploadProofImage(app, proof, still));
      await addComplaintProof(app, proof, { complaintId: row.complaintId, content: proof.content, mediaIds });
      return { state: 'sent', mediaIds };
    } catch (err) {
      return { state: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
  }
}
