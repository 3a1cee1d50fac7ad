// Mini-program report-back: upload_shipping_info for one payment, wechat-api.md §3.1 and §7.6.
// The expensive mistake here is a blind re-upload after shipping completed: it counts as the
// payment's single re-ship (§3.1), after which only manual handling is left (10060003). So a
// retry reads get_order first and never uploads over a finished shipment it does not recognise.
import type { WechatCaller } from './client.js';
import { WechatError } from './errors.js';
import {
  getShippingOrder,
  uploadShipping,
  type ShippingOrder,
  type ShippingOrderKey,
  type ShippingParcel,
} from './miniprogram.js';
import {
  failed,
  outcomeForError,
  readOr,
  resolveOptions,
  type ReportOptions,
  type ReportOutcome,
  type ResolvedOptions,
} from './report-common.js';

export interface MiniProgramReportInput {
  orderKey: ShippingOrderKey;
  payerOpenid: string;
  parcels: ShippingParcel[];
  isFinal: boolean;
  /** 0 on the first try. */
  attempt: number;
  /** The previous attempt may have reached WeChat (timeout, dropped connection, crash mid-call). */
  uncertain: boolean;
}

/** get_order order_state 5: refunded (§3.2). */
const REFUNDED = 5;

export async function reportMiniProgram(
  app: WechatCaller,
  input: MiniProgramReportInput,
  options: ReportOptions = {},
): Promise<ReportOutcome> {
  const o = resolveOptions(options);
  if (input.parcels.length === 0) throw new RangeError('reportMiniProgram: no parcels');
  let toSend = input.parcels;
  // SPLIT whenever the whole shipment is more than one final parcel — decided on the full list,
  // so re-sending one missing parcel does not switch modes (a mode change is a re-ship, §3.1).
  let split = input.parcels.length > 1 || !input.isFinal;

  if (input.uncertain || input.attempt > 0) {
    const read = await readOr(
      () => getShippingOrder(app, input.orderKey),
      input.attempt,
      o,
      (e) => raceOrNull(e, input.attempt, o),
    );
    if ('outcome' in read) return read.outcome;
    const s = read.value;
    const missing = missingParcels(s, input.parcels);
    if (missing.length === 0 && (!input.isFinal || s.finishShipping))
      return { kind: 'done', verified: true, note: 'already uploaded: our tracking numbers are on the payment' };
    if (s.orderState === REFUNDED)
      return { kind: 'conflict', reason: 'payment refunded (get_order order_state 5); intercept the parcel' };
    if (s.finishShipping && missing.length > 0) {
      return {
        kind: 'conflict',
        reason: `shipping already completed with other tracking numbers (${s.trackingNos.join(', ') || 'none listed'}); another upload would use the single re-ship`,
      };
    }
    // All ours present but not yet final: upload them again with is_all_delivered=true.
    toSend = missing.length > 0 ? missing : input.parcels;
    if (s.deliveryMode === 1 || s.deliveryMode === 2) split = s.deliveryMode === 2;
  }

  try {
    await uploadShipping(app, {
      orderKey: input.orderKey,
      payerOpenid: input.payerOpenid,
      parcels: toSend,
      isFinal: input.isFinal,
      // Later than any earlier upload for this payment, as §7.6 requires, since time moves on.
      uploadTime: new Date(o.now()),
      split,
    });
    return { kind: 'done', verified: false };
  } catch (err) {
    if (!(err instanceof WechatError)) return outcomeForError(err, input.attempt, o);
    return afterUploadError(app, input, err, o);
  }
}

async function afterUploadError(
  app: WechatCaller,
  input: MiniProgramReportInput,
  err: WechatError,
  o: ResolvedOptions,
): Promise<ReportOutcome> {
  const race = raceOrNull(err, input.attempt, o);
  if (race) return race;
  if (err.errcode !== 10060002 && err.errcode !== 10060023) return outcomeForError(err, input.attempt, o);
  // 10060002 "already fully shipped" and 10060023 "nothing changed": done if the payment
  // carries our tracking numbers (§6 already-done, verified via get_order).
  const read = await readOr(() => getShippingOrder(app, input.orderKey), input.attempt, o);
  if ('outcome' in read) return read.outcome;
  const missing = missingParcels(read.value, input.parcels);
  if (missing.length === 0)
    return {
      kind: 'done',
      verified: true,
      note: `WeChat answered ${err.errcode}; our tracking numbers are on the payment`,
    };
  if (err.errcode === 10060023) {
    // WeChat compared our upload with what it holds and found them equal; get_order lagging
    // behind is likelier than WeChat being wrong, so this is done, but unverified.
    return {
      kind: 'done',
      verified: false,
      note: `10060023 (no change) but get_order lacks ${missing.map((p) => p.trackingNo).join(', ')}`,
    };
  }
  return {
    kind: 'conflict',
    reason: `payment already fully shipped (10060002) without tracking number(s) ${missing.map((p) => p.trackingNo).join(', ')}`,
  };
}

/**
 * 10060001 "payment not found" right after payment is a race with WeChat's indexing (§3.1 [C5]):
 * retry after 15–60 s, up to raceLimit attempts, then treat it as the wrong id it then is.
 */
function raceOrNull(err: WechatError, attempt: number, o: ResolvedOptions): ReportOutcome | null {
  if (err.errcode !== 10060001) return null;
  if (attempt + 1 >= o.raceLimit) return failed(err);
  const { min, max } = o.raceDelayMs;
  return {
    kind: 'retry',
    afterMs: min + Math.floor(o.random() * (max - min)),
    reason: `payment not indexed yet (10060001): ${err.errmsg}`,
  };
}

function missingParcels(s: ShippingOrder, parcels: ShippingParcel[]): ShippingParcel[] {
  const have = new Set(s.trackingNos);
  return parcels.filter((p) => !have.has(p.trackingNo.trim()));
}
