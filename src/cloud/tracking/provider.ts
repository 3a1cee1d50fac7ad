// A carrier-tracking provider (issue 14 §2): something the hub asks to follow a waybill and that
// pushes the trace back to a callback URL. Kuaidi100 is the one real implementation
// (kuaidi100.ts); WeChat's own e-waybill trace comes by push and pull instead (wechat-path.ts).
import type { TrackingEvent } from '../../contract/tracking.js';

export interface SubscribeRequest {
  waybill: string;
  carrier: string;
  /** Destination "省市区", which helps the provider judge 签收 (optional). */
  to: string | null;
  /** Receiver phone; some carriers (SF) need it to release a trace. */
  phone: string | null;
}

/** The provider refused or could not be reached; `retryable` says whether asking again can help. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** A callback that is not from the provider (bad or missing signature): answered 401, nothing kept. */
export class CallbackAuthError extends Error {
  override readonly name = 'CallbackAuthError';
}

export interface TrackingProvider {
  readonly id: 'kuaidi100';
  /** Whether it follows this carrier's parcels (it knows the carrier's code). */
  follows(carrier: string): boolean;
  /** Resolves once the provider accepted (or already had) the subscription. */
  subscribe(req: SubscribeRequest): Promise<void>;
  /**
   * Authenticates (constant time) and parses one callback's form fields into events; `carrierOf`
   * maps the provider's company code back. Throws CallbackAuthError or a parse error.
   */
  parseCallback(form: Record<string, string | undefined>): { waybill: string; events: TrackingEvent[] };
  /** The body the provider expects back when a push was taken. */
  readonly ack: unknown;
}
