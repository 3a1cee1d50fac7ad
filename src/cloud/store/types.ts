// The hub's storage interface. Handlers and services never see SQL: they run units of work through
// `HubStore.tx`, whose repositories return plain values or promises (`Awaitable`), so SQLite (the
// default, synchronous underneath) and PostgreSQL (asynchronous) can implement the same contract.
import type { Layout, PackerRole, Product } from '../../contract/entities.js';
import type { HubException, HubOrder, StationReport } from '../../contract/sync.js';
import type { LayoutPeriod, StatsEvent } from '../../contract/stats.js';
import type { StockRepo } from './stock-types.js';
import type { StockPublishRepo } from './stock-publish-types.js';
import type { TrackingRepo } from './tracking-types.js';
import type { VideoUploadsRepo } from './video-types.js';
import type { DisputesRepo } from './dispute-types.js';
import type { LeasesRepo } from './lease-types.js';
import type { StatsCellsRepo } from './stats-cells-types.js';
import type { EdgeEventsQuery } from '../../domain/stats/edge-events.js';
import type { Awaitable } from './awaitable.js';

export type { Awaitable };

export interface StationRow {
  id: string;
  name: string;
  layout: Layout;
  tokenHash: string;
  createdAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
}

/** WeChat identifiers of an order line, needed to report the shipment back (product_infos). */
export interface WechatLineRef {
  lineNo: number;
  productId: string;
  skuId: string;
}

/** Mini-program payment keys (spec §3.1 order_key) and the payer, for upload_shipping_info. */
export interface PaymentRef {
  appId: string;
  transactionId: string | null;
  mchid: string | null;
  outTradeNo: string | null;
  payerOpenid: string;
  /**
   * A combined payment (合单支付): its own key and every order it paid for. Those orders are shipped
   * together with upload_combined_shipping_info (workers/report-combined.ts).
   */
  combined?: { mchid: string; outTradeNo: string; orderIds: string[] } | null;
}

export type OrderSource = 'channels' | 'intake' | 'import';

export interface HubOrderRow extends HubOrder {
  source: OrderSource;
  shopId: string | null;
  wechatLines: WechatLineRef[];
  payment: PaymentRef | null;
  contentHash: string;
  /** The station whose parcels were accepted for this order (first come). */
  packedBy: string | null;
  packedAt: number | null;
}

/** packing: the pack is not complete yet (more parcels may come); waiting_waybill: label pending at the desk. */
export type ShipmentState = 'packing' | 'waiting_waybill' | 'pending' | 'sending' | 'done' | 'conflict' | 'failed';

export interface ShipmentRow {
  parcelId: string;
  orderId: string;
  stationId: string;
  packId: string;
  parcelNo: number;
  carrier: string;
  waybill: string | null;
  items: { productId: number; sku: string; qty: number }[];
  weightG: number;
  packedAt: number;
  state: ShipmentState;
  attempts: number;
  nextAt: number;
  /** The last attempt may have reached WeChat (timeout, dropped link, crash): verify before sending. */
  uncertain: boolean;
  lastErrcode: number | null;
  lastErrmsg: string | null;
  lastRid: string | null;
  doneAt: number | null;
}

/** A pack whose parts are arriving (services/pack-parts.ts): from its first part until it can be reported. */
export interface PackPartsRow {
  packId: string;
  orderId: string;
  stationId: string;
  /** From pack.completed; null until it arrives. */
  parcels: number | null;
  /** When the hub received the pack's first part (hub clock). */
  seenAt: number;
  /** Every parcel became reportable. */
  doneAt: number | null;
  /** Flagged as missing a part (a parts_missing exception). */
  overdueAt: number | null;
}

/** A station's claim on an order it is packing; `at` is refreshed by the pack's events (hub clock). */
export interface ClaimRow {
  orderId: string;
  stationId: string;
  packId: string;
  at: number;
}

export interface WechatCallRow {
  at: number;
  appid: string;
  path: string;
  request: string;
  httpStatus: number | null;
  errcode: number | null;
  errmsg: string | null;
  rid: string | null;
  ms: number;
  error: string | null;
}

export interface StoredEvent {
  id: string;
  stationId: string;
  type: string;
  at: number;
  packerId: string | null;
  payload: Record<string, unknown>;
}

export interface EwaybillRow {
  orderId: string;
  shopId: string;
  ewaybillOrderId: string | null;
  carrier: string;
  waybill: string | null;
  state: 'precreated' | 'created' | 'printed' | 'failed';
  attempts: number;
  error: string | null;
  updatedAt: number;
}

/** An e-waybill its order ended without using, to cancel at WeChat (biz/order/cancel). */
export interface EwaybillCancelRow {
  orderId: string;
  shopId: string;
  ewaybillOrderId: string;
  carrier: string;
  waybill: string;
  reason: 'order_cancelled' | 'not_used';
  state: 'due' | 'done' | 'failed';
  attempts: number;
  nextAt: number;
  error: string | null;
  at: number;
}

/** A 子母单 label whose print_info is to be fetched again (print/get with sub_waybill_id). */
export interface SubPrintRetryRow {
  orderId: string;
  waybill: string;
  shopId: string;
  state: 'due' | 'done' | 'failed';
  attempts: number;
  nextAt: number;
  error: string | null;
}

/** A reprint of a component-printed e-waybill label, to tell WeChat (order/print re_print 1). */
export interface EwaybillReprintRow {
  labelId: string;
  orderId: string;
  waybill: string;
  stationId: string;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  nextAt: number;
  error: string | null;
  at: number;
}

export type FeedKind = 'order' | 'product' | 'packer' | 'routing' | 'waybills' | 'exception';

export interface HubTx {
  stations: {
    add(row: StationRow): Awaitable<void>;
    get(id: string): Awaitable<StationRow | undefined>;
    /** The station holding this token, revoked or not (callers refuse a revoked one and say so). */
    byTokenHash(hash: string): Awaitable<StationRow | undefined>;
    list(): Awaitable<StationRow[]>;
    touch(id: string, at: number): Awaitable<void>;
    /** A new token; lifts a revocation. */
    setToken(id: string, tokenHash: string): Awaitable<void>;
    /** The token stops working at once; false when unknown or revoked already. */
    revoke(id: string, at: number): Awaitable<boolean>;
    /** A new layout period from `at`. */
    setLayout(id: string, layout: Layout, at: number): Awaitable<void>;
    /** The latest period had the wrong layout all along: set it (and the station's) to `layout`. */
    correctLayout(id: string, layout: Layout): Awaitable<void>;
    layoutHistory(id: string): Awaitable<{ layout: Layout; from: number }[]>;
    /** Every station's layout periods, for statistics by layout in force. */
    layoutPeriods(): Awaitable<LayoutPeriod[]>;
    setReport(id: string, report: StationReport): Awaitable<void>;
    report(id: string): Awaitable<StationReport | null>;
  };
  products: {
    /**
     * Insert or replace; a changed row goes to every station (the feed). `resend`: unchanged rows
     * too, so stations that could not apply a row pull it again. `at`: the hub clock's time of the
     * change. Returns how many changed.
     */
    upsert(products: readonly Product[], opts: { at: number; resend?: boolean }): Awaitable<number>;
    /** false when there is no such product. Stations keep their copy (their orders may list it). */
    remove(id: number): Awaitable<boolean>;
    get(id: number): Awaitable<Product | undefined>;
    bySku(sku: string): Awaitable<Product | undefined>;
    /** The products of these SKUs, by SKU (unknown ones absent): one look-up for a whole intake batch. */
    bySkus(skus: readonly string[]): Awaitable<Map<string, Product>>;
    all(): Awaitable<Product[]>;
    nextId(): Awaitable<number>;
  };
  packers: {
    upsert(packers: readonly { id: string; name: string; badge: string; role: PackerRole }[]): Awaitable<void>;
    all(): Awaitable<{ id: string; name: string; badge: string; role: PackerRole }[]>;
  };
  orders: {
    get(id: string): Awaitable<HubOrderRow | undefined>;
    /** Insert, or replace when the content changed; bumps `version` and the feed. Returns whether it changed. */
    upsert(
      row: Omit<HubOrderRow, 'version' | 'packedBy' | 'packedAt'>,
    ): Awaitable<{ changed: boolean; version: number }>;
    /** Which of these ids are stored. */
    known(ids: readonly string[]): Awaitable<Set<string>>;
    /**
     * Stores each row whose id is not stored yet at version 1, with its feed row, in the given order
     * (ids must be distinct); rows already stored are left alone. Returns the ids it stored. The
     * set-based form of `upsert` for a batch of new orders (services/intake-batcher.ts).
     */
    insertNew(rows: readonly Omit<HubOrderRow, 'version' | 'packedBy' | 'packedAt'>[]): Awaitable<string[]>;
    setStatus(id: string, status: HubOrder['status'], holdReason: string | null, at: number): Awaitable<void>;
    markPacked(id: string, stationId: string, at: number): Awaitable<void>;
    setPreassigned(id: string, preassigned: HubOrder['preassigned']): Awaitable<void>;
    /** A 子母单's labels by parcel (WeChat issued the children); goes to the stations with the order. */
    setSubWaybills(id: string, subWaybills: NonNullable<HubOrder['subWaybills']>): Awaitable<void>;
    /** Stock warnings per line number for the desk (services/stock-orders.ts); lines not named lose theirs. */
    setStockHints(id: string, hints: ReadonlyMap<number, 'last_unit' | 'short'>): Awaitable<void>;
    count(): Awaitable<number>;
    /** The stations' JSON of each order (see order-wire.ts), by id. */
    wires(ids: readonly string[]): Awaitable<Map<string, string>>;
  };
  feed: {
    append(kind: FeedKind, ref: string, stationId: string | null): Awaitable<number>;
    /** `append` of each ref in turn, in one statement. */
    appendMany(kind: FeedKind, refs: readonly string[], stationId: string | null): Awaitable<void>;
    /** Changes after `cursor` visible to the station (global + its own), oldest first. */
    since(cursor: number, stationId: string, limit: number): Awaitable<{ seq: number; kind: FeedKind; ref: string }[]>;
    head(): Awaitable<number>;
  };
  events: {
    /** false when the id is known already (a re-send): the event is not applied again. */
    insertIfNew(e: StoredEvent, receivedAt: number): Awaitable<boolean>;
    /** The station that sent the stored event with this id; null when there is none. */
    stationOf(id: string): Awaitable<string | null>;
    count(): Awaitable<number>;
    /** Events with from ≤ at < to, oldest first, with the payload fields statistics read. */
    range(from: number, to: number): Awaitable<StatsEvent[]>;
    /**
     * Of the events with from − before ≤ at < to + after, those a pass over [from, to) uses
     * (domain/stats/edge-events.ts selectEdgeEvents), oldest first as range() gives them.
     */
    edgeEvents(q: EdgeEventsQuery): Awaitable<StatsEvent[]>;
    /**
     * Events stored after storage position `after` (0: from the first), in storage order, at most
     * `limit`; `last` is the position to pass next time. Those with at < minAt are skipped but
     * still advance `last`. Lets a reader keep up with the log without re-reading it.
     */
    tail(after: number, minAt: number, limit: number): Awaitable<{ events: StatsEvent[]; last: number }>;
    /** Events of `types` with from ≤ at < to and their full payloads, oldest first (the incident list). */
    withPayload(types: readonly string[], from: number, to: number): Awaitable<StatsEvent[]>;
    /** The station's latest login or logout. */
    lastLogin(stationId: string): Awaitable<{ type: string; packer_id: string | null } | null>;
  };
  claims: {
    get(orderId: string): Awaitable<{ stationId: string; packId: string; at: number } | undefined>;
    set(orderId: string, stationId: string, packId: string, at: number): Awaitable<void>;
    /** The pack is still being worked on: its claim counts from `at` again. */
    touch(orderId: string, packId: string, at: number): Awaitable<void>;
    release(orderId: string, packId: string): Awaitable<void>;
    /** Whatever pack holds it (a supervisor's release); false when the order had no claim. */
    remove(orderId: string): Awaitable<boolean>;
    /** Oldest first. */
    list(limit: number): Awaitable<ClaimRow[]>;
  };
  packs: {
    /** The pack's first part makes its row (from `at`); later parts leave it as it is. */
    seen(packId: string, orderId: string, stationId: string, at: number): Awaitable<void>;
    /** pack.completed: the pack has this many parcels. */
    completed(packId: string, parcels: number): Awaitable<void>;
    get(packId: string): Awaitable<PackPartsRow | undefined>;
    done(packId: string, at: number): Awaitable<void>;
    /** Packs still missing a part that arrived first before `before` and are not flagged yet, oldest first. */
    waiting(before: number, limit: number): Awaitable<PackPartsRow[]>;
    flagOverdue(packId: string, at: number): Awaitable<void>;
    /** A waybill that came (parcel.waybill, label.printed) before its parcel. */
    keepWaybill(parcelId: string, waybill: string, at: number): Awaitable<void>;
    /** The kept waybill of a parcel, removed from the keep; null when none came first. */
    takeWaybill(parcelId: string): Awaitable<string | null>;
  };
  shipments: {
    upsert(row: ShipmentRow): Awaitable<void>;
    get(parcelId: string): Awaitable<ShipmentRow | undefined>;
    forOrder(orderId: string): Awaitable<ShipmentRow[]>;
    /** Orders with a shipment due for (another) report-back attempt. */
    dueOrders(now: number, limit: number): Awaitable<string[]>;
    update(parcelId: string, patch: Partial<Omit<ShipmentRow, 'parcelId'>>): Awaitable<void>;
    counts(): Awaitable<Record<ShipmentState, number>>;
    /** Parcels in one of `states`, oldest first (failed and conflicting report-backs for the admin). */
    inStates(states: readonly ShipmentState[], limit: number): Awaitable<ShipmentRow[]>;
    /** Parcels reported to WeChat in [from, to): the "handed over" end of outbound time. */
    handovers(from: number, to: number): Awaitable<{ parcelId: string; at: number }[]>;
    /** Parcels reported to WeChat at or after `since` (by the hub's clock), for a reader keeping up. */
    handoversSince(since: number): Awaitable<{ parcelId: string; at: number }[]>;
  };
  exceptions: {
    /** Records it unless the same (order, kind, station) is open already; returns it when new. */
    add(e: HubException): Awaitable<HubException | null>;
    get(id: string): Awaitable<HubException | undefined>;
    list(filter: { orderId?: string; open?: boolean }): Awaitable<(HubException & { resolvedAt: number | null })[]>;
    /** Closes the order's open exceptions of these kinds; returns how many. */
    resolve(orderId: string, kinds: readonly HubException['kind'][], at: number): Awaitable<number>;
  };
  waybills: {
    addNumbers(
      carrier: string,
      numbers: readonly string[],
      at: number,
    ): Awaitable<{ added: number; duplicates: number }>;
    /** Moves up to `count` free numbers to the station under `batchId`. */
    allocate(stationId: string, carrier: string, count: number, batchId: string, at: number): Awaitable<string[]>;
    batch(
      batchId: string,
    ): Awaitable<{ batchId: string; stationId: string; carrier: string; numbers: string[] } | undefined>;
    markUsed(carrier: string, waybill: string, stationId: string): Awaitable<void>;
    /** Numbers allocated to the station and not yet seen on a parcel, per carrier. */
    heldBy(stationId: string): Awaitable<Record<string, number>>;
    free(carrier: string): Awaitable<number>;
  };
  wechat: {
    loadToken(appid: string): Awaitable<{ token: string; expiresAt: number } | null>;
    saveToken(appid: string, token: string, expiresAt: number): Awaitable<void>;
    watermark(shopId: string): Awaitable<number | null>;
    setWatermark(shopId: string, at: number): Awaitable<void>;
    logCall(row: WechatCallRow): Awaitable<void>;
    /** Calls per app and API since `since` (epoch ms), with how many WeChat answered with an errcode ≠ 0. */
    callCounts(since: number): Awaitable<{ appid: string; path: string; calls: number; errors: number }[]>;
    /** Push-event de-duplication; false when seen before. */
    firstSeen(key: string, at: number): Awaitable<boolean>;
    quotaStop(path: string): Awaitable<number | null>;
    setQuotaStop(path: string, until: number): Awaitable<void>;
  };
  ewaybills: {
    get(orderId: string): Awaitable<EwaybillRow | undefined>;
    upsert(row: EwaybillRow): Awaitable<void>;
    /** Open orders of the shop with no waybill yet (none asked for, or a create still to finish). */
    needing(shopId: string, maxAttempts: number, limit: number): Awaitable<string[]>;
  };
  ewaybillCancels: {
    /**
     * Files the shop's e-waybills whose orders became final since the last call: cancelled orders'
     * and shipped orders' whose parcels carry another waybill become due (now); used ones are kept.
     * Returns how many were filed, of either kind.
     */
    fileFinished(shopId: string, now: number, limit: number): Awaitable<number>;
    due(shopId: string, now: number, limit: number): Awaitable<EwaybillCancelRow[]>;
    update(orderId: string, patch: Pick<EwaybillCancelRow, 'state' | 'attempts' | 'nextAt' | 'error'>): Awaitable<void>;
    /** The order's e-waybill cancel, if it has one to cancel. */
    forOrder(orderId: string): Awaitable<EwaybillCancelRow | undefined>;
  };
  subPrintRetries: {
    /** Once per label; adding it again changes nothing. */
    add(row: Pick<SubPrintRetryRow, 'orderId' | 'waybill' | 'shopId' | 'nextAt' | 'error'>): Awaitable<void>;
    due(shopId: string, now: number, limit: number): Awaitable<SubPrintRetryRow[]>;
    update(
      orderId: string,
      waybill: string,
      patch: Pick<SubPrintRetryRow, 'state' | 'attempts' | 'nextAt' | 'error'>,
    ): Awaitable<void>;
  };
  ewaybillReprints: {
    /** Once per label; a re-sent event adds nothing. */
    add(row: { labelId: string; orderId: string; waybill: string; stationId: string; at: number }): Awaitable<void>;
    /** Pending reprints of the shop's e-waybills whose first print WeChat already knows. */
    due(shopId: string, now: number, limit: number): Awaitable<EwaybillReprintRow[]>;
    update(
      labelId: string,
      patch: Pick<EwaybillReprintRow, 'state' | 'attempts' | 'nextAt' | 'error'>,
    ): Awaitable<void>;
    forOrder(orderId: string): Awaitable<EwaybillReprintRow[]>;
  };
  /** Packing-video hash chains as the stations reported them (video.recorded): an edited clip is detectable. */
  videoHashes: {
    /** Once per station file; a re-sent event adds nothing. */
    add(row: VideoHashRow): Awaitable<void>;
    forOrder(orderId: string): Awaitable<VideoHashRow[]>;
  };
  /** Packing-video files the stations uploaded (video.upload target "hub"), resumable. */
  videoUploads: VideoUploadsRepo;
  /** WeChat after-sale cases on packed orders and their confirmed proof stills (services/disputes.ts). */
  disputes: DisputesRepo;
  /** Courier handover (交接) per parcel and per closed batch (services/handover.ts). */
  handovers: {
    /** The first handover of a waybill wins; false when it was handed over already (a re-send, or a second batch). */
    add(row: HandoverRow): Awaitable<boolean>;
    get(waybill: string): Awaitable<HandoverRow | undefined>;
    between(fromMs: number, toMs: number): Awaitable<HandoverRow[]>;
    /** Once per batch id; a re-sent close adds nothing. */
    addBatch(row: HandoverBatchRow): Awaitable<void>;
    batches(fromMs: number, toMs: number, limit: number): Awaitable<HandoverBatchRow[]>;
    /**
     * Parcels with a waybill packed in [fromMs, toMs) for `carrier` (every carrier when null) that no
     * batch handed over; parcels in conflict (cancelled, packed twice) are not due to leave.
     */
    notHandedOver(carrier: string | null, fromMs: number, toMs: number): Awaitable<UnhandedParcel[]>;
    /** Parcels packed in [fromMs, toMs) for `carrier` that must not leave: in conflict, or their order cancelled since. */
    blocked(
      carrier: string,
      fromMs: number,
      toMs: number,
    ): Awaitable<{ waybill: string; orderId: string; detail: string }[]>;
    /** The packed parcel that carries this waybill (its latest shipment row), for a desk's handover scan. */
    parcelOf(
      waybill: string,
    ): Awaitable<{ orderId: string; parcelId: string; carrier: string; conflict: boolean } | undefined>;
  };
  /** Parcel tracking: parcels followed, their events, buyer notifications (store/tracking-types.ts). */
  tracking: TrackingRepo;
  /** Product photos cached by the hub (services/catalog-images.ts). */
  catalogImages: {
    /** Once per sha256; the same bytes from another URL add nothing. */
    add(row: CatalogImageRow): Awaitable<void>;
    get(sha256: string): Awaitable<CatalogImageRow | undefined>;
    /** The latest copy fetched from this URL, so it is downloaded once. */
    bySource(url: string): Awaitable<{ sha256: string; contentType: string } | undefined>;
  };
  /** The stock ledger (services/stock-*.ts). */
  stock: StockRepo;
  /** What each channel was given of each SKU, WeChat SKU ids and WeChat's own moves (workers/stock-publish.ts). */
  stockPublish: StockPublishRepo;
  /** Leases on background jobs, so each runs on one hub instance at a time (store/lease-types.ts). */
  leases: LeasesRepo;
  /** Statistics cells kept as events arrive (store/stats-cells-types.ts, services/stats-fold.ts). */
  statsCells: StatsCellsRepo;
  settings: {
    get<T>(key: string): Awaitable<T | null>;
    set(key: string, value: unknown): Awaitable<void>;
  };
}

export interface HubStore {
  /** Runs `fn` as one atomic unit of work; nothing else touches the store meanwhile. */
  tx<T>(fn: (t: HubTx) => Awaitable<T>): Promise<T>;
  /** Called after a commit that added to the change feed (wakes long-polling stations). */
  onFeed(listener: () => void): () => void;
  /** Called after a commit that booked stock movements, with their SKUs (the stock publisher's cue). */
  onStock(listener: (skus: string[]) => void): () => void;
  /**
   * Tells the other hub instances sharing this store that `topic` wants attention (a job's kick for
   * the instance holding its lease, workers/lease.ts). Absent on a store only one process uses.
   */
  signal?(topic: string): Promise<void>;
  /** Called with the topics other instances signalled (never with this instance's own). */
  onSignal?(listener: (topic: string) => void): () => void;
  close(): Promise<void>;
}

export interface VideoHashRow {
  stationId: string;
  fileId: number;
  packId: string;
  orderId: string;
  waybill: string | null;
  kind: 'clip' | 'still';
  name: string;
  bytes: number;
  sha256: string;
  prevHash: string;
  chainHash: string;
  at: number;
}

export interface HandoverRow {
  waybill: string;
  carrier: string;
  orderId: string | null;
  parcelId: string | null;
  stationId: string;
  batchId: string;
  handedOverAt: number;
}

export interface HandoverBatchRow {
  batchId: string;
  stationId: string;
  carrier: string;
  courier: string | null;
  openedAt: number;
  closedAt: number;
  count: number;
  waybills: string[];
  missing: string[];
}

export interface UnhandedParcel {
  waybill: string;
  carrier: string;
  orderId: string;
  parcelId: string;
  stationId: string;
  packedAt: number;
}

export interface CatalogImageRow {
  sha256: string;
  contentType: string;
  bytes: Buffer;
  sourceUrl: string;
  at: number;
}
