// The tracking worker (issue 14 §2, §3): each round it starts following the parcels handed over,
// subscribes them with the provider, pulls WeChat's trace of its e-waybills as a backup to the
// push, and sends the buyer notifications that are due (each exactly once).
import type { HubContext } from '../context.js';
import { LeasedLoop } from './leased-loop.js';
import type { WechatApps } from './wechat-apps.js';
import { handoversBetween } from '../services/handover.js';
import { followHandovers, recordEvents } from '../tracking/parcels.js';
import { configuredProvider } from '../tracking/providers.js';
import { ProviderError, type TrackingProvider } from '../tracking/provider.js';
import { pathInfoEvents } from '../tracking/wechat-path.js';
import { planSend, sendOnce } from '../tracking/notifications.js';
import type { TrackingParcelRow } from '../store/tracking-types.js';

const HOUR = 3_600_000;
/** Handovers reach the hub late when a desk was offline: look this far back every round. */
const HANDOVER_LOOKBACK = 72 * HOUR;
const BATCH = 50;
const MAX_SUBSCRIBE_ATTEMPTS = 8;

export class TrackingWorker {
  private readonly loop: LeasedLoop;
  private readonly provider: TrackingProvider | null;

  constructor(
    private readonly ctx: HubContext,
    private readonly apps: WechatApps,
  ) {
    this.provider = configuredProvider(ctx.config);
    this.loop = new LeasedLoop(
      ctx.leases,
      'tracking',
      () => this.round(),
      () => ctx.config.tracking.intervalS * 1000,
      (err) => ctx.warn('tracking round failed', { error: err instanceof Error ? err.message : String(err) }),
    );
  }

  start(): void {
    this.loop.start();
  }

  kick(): void {
    this.loop.kick();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async round(): Promise<void> {
    const now = this.ctx.now();
    await this.ctx.store.tx(async (t) =>
      followHandovers(
        t,
        this.ctx.config,
        this.provider,
        await handoversBetween(t, now - HANDOVER_LOOKBACK, now + HOUR),
        now,
      ),
    );
    await this.subscribe(now);
    await this.pullWechat(now);
    await this.notify();
  }

  private async subscribe(now: number): Promise<void> {
    const provider = this.provider;
    if (!provider) return;
    const due = await this.ctx.store.tx((t) => t.tracking.dueSubscriptions(provider.id, now, BATCH));
    for (const p of due) {
      if (this.loop.stopped) return;
      const order = p.orderId ? await this.ctx.store.tx((t) => t.orders.get(p.orderId ?? '')) : undefined;
      const to = order ? `${order.address.province}${order.address.city}${order.address.district}` : null;
      let patch: Partial<TrackingParcelRow>;
      try {
        await provider.subscribe({
          waybill: p.waybill,
          carrier: p.carrier,
          to: to || null,
          phone: order?.recipientPhone || null,
        });
        patch = { subscribedAt: this.ctx.now(), subscribeError: null };
      } catch (err) {
        if (!(err instanceof ProviderError)) throw err;
        const attempts = p.subscribeAttempts + 1;
        // Retryable: back off 1, 2, 4 … minutes; refused or out of attempts: once a day, for the admin to see.
        const wait = err.retryable && attempts < MAX_SUBSCRIBE_ATTEMPTS ? 60_000 * 2 ** (attempts - 1) : 24 * HOUR;
        patch = { subscribeError: err.message.slice(0, 300), subscribeAttempts: attempts, nextSubscribeAt: now + wait };
        this.ctx.warn('tracking: subscribe failed', { waybill: p.waybill, error: err.message });
      }
      await this.ctx.store.tx(async (t) => {
        const fresh = await t.tracking.parcel(p.waybill);
        if (fresh) await t.tracking.putParcel({ ...fresh, ...patch });
      });
    }
  }

  private async pullWechat(now: number): Promise<void> {
    const every = this.ctx.config.tracking.providers.wechatPullH * HOUR;
    const due = await this.ctx.store.tx((t) => t.tracking.duePulls(now - every, BATCH));
    for (const p of due) {
      if (this.loop.stopped) return;
      const api = p.shopId ? this.apps.channels(p.shopId) : null;
      if (!api || !p.ewaybillOrderId) continue;
      let path: unknown[] = [];
      try {
        path = (await api.getEwaybill(p.ewaybillOrderId)).path ?? [];
      } catch (err) {
        this.ctx.warn('tracking: e-waybill trace pull failed', { waybill: p.waybill, error: String(err) });
      }
      const events = pathInfoEvents(path, p.waybill, p.carrier);
      await this.ctx.store.tx(async (t) => {
        await recordEvents(t, this.ctx.config, this.provider, p.waybill, events, now);
        const fresh = await t.tracking.parcel(p.waybill);
        if (fresh) await t.tracking.putParcel({ ...fresh, pulledAt: now });
      });
    }
  }

  private async notify(): Promise<void> {
    const due = await this.ctx.store.tx((t) => t.tracking.dueNotifications(BATCH));
    for (const n of due) {
      if (this.loop.stopped) return;
      const plan = await this.ctx.store.tx((t) => planSend(t, this.ctx.config, n));
      const app = 'skip' in plan ? null : this.apps.miniProgram(plan.appId);
      const finish = (outcome: {
        state: 'sending' | 'sent' | 'failed';
        errcode: number | null;
        error: string | null;
      }) =>
        this.ctx.store.tx((t) =>
          t.tracking.finishNotification(n.orderId, n.kind, { ...outcome, doneAt: this.ctx.now() }),
        );
      if ('skip' in plan || !app) {
        const error = 'skip' in plan ? plan.skip : `no mini program ${plan.appId} in the hub config`;
        await finish({ state: 'failed', errcode: null, error });
        continue;
      }
      // Out of the queue before the call: a crash while sending leaves it 'sending', never sent twice.
      await finish({ state: 'sending', errcode: null, error: null });
      const outcome = await sendOnce(app, plan.body);
      await finish(outcome);
      if (outcome.state === 'failed')
        this.ctx.log('buyer notification not sent', {
          orderId: n.orderId,
          kind: n.kind,
          errcode: outcome.errcode,
          error: outcome.error,
        });
    }
  }
}
