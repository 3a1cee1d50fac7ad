// The packing desk: one scan or one scale reading at a time, each handled in one SQLite transaction
// together with its outbox events. Effects (printing, sounds, UI events) run only after commit; a
// failed transaction leaves the in-memory state exactly as it was.
//
// Everything outside the packing steps talks to the desk through its intent methods (a scan, a
// reading, a command from a screen, a settings change, what the hub sent); its context and its
// transaction are its own.
import type { Clock } from '../../../base/clock.js';
import type { Order } from '../../../contract/entities.js';
import { isMisread, normalizeScan } from '../../../domain/barcode/index.js';
import type {
  MisreadReason,
  ScanResult,
  ScanSource,
  ScaleView,
  Sound,
  StationSnapshot,
} from '../../../contract/station.js';
import type { StationConfig } from '../../config/schema.js';
import type { Db } from '../../../base/node/sqlite/open.js';
import type { Outbox } from '../store/outbox.js';
import {
  cloneRuntime,
  notice,
  type DeskContext,
  type Outcome,
  type DeskRuntime,
  type Effects,
  type Stores,
} from './context.js';
import { routeScan } from './route.js';
import { applyReading } from './weighing.js';
import { applyOrderUpdate, interceptClaimed } from './orders.js';
import { assignPendingWaybills } from '../labels/assign.js';
import { loadRuntime, persistRuntime } from './persist.js';
import { upstreamOf, type Upstream } from './upstream.js';
import { stationCarriers } from './carrier.js';
import { buildSnapshot, type SnapshotExtras } from '../snapshot.js';

export interface CommitInfo {
  effects: Effects;
  scan: ScanResult | null;
}

export class Desk {
  private readonly ctx: DeskContext;
  readonly stationId: string;
  /** The event log every desk change appends to; the sync engine drains it. */
  readonly outbox: Outbox;
  private persisted = new Map<string, string>();
  private readonly listeners = new Set<(info: CommitInfo) => void>();

  constructor(deps: { db: Db; config: StationConfig; clock: Clock; stores: Stores }) {
    const rt: DeskRuntime = loadRuntime(deps.stores, deps.config);
    this.ctx = {
      db: deps.db,
      stores: deps.stores,
      config: deps.config,
      clock: deps.clock,
      stationId: deps.config.station.id,
      rt,
      effects: { print: [], sounds: [] },
    };
    this.stationId = this.ctx.stationId;
    this.outbox = deps.stores.outbox;
    this.persisted = persistRuntime(this.ctx, new Map());
  }

  /** The pack open at this desk (the sync engine claims its order at the hub). */
  openPack(): { id: string; orderId: string } | null {
    const pack = this.ctx.rt.pack;
    return pack ? { id: pack.id, orderId: pack.order.id } : null;
  }

  /** Who is logged in at the desk. */
  packerId(): string | null {
    return this.ctx.rt.packer?.id ?? null;
  }

  /** Free waybill numbers per carrier this station may print for (config carriers and routed ones). */
  poolCounts(): Record<string, number> {
    return this.ctx.stores.pool.counts(stationCarriers(this.ctx));
  }

  /** What the UI renders: the desk's state with the host's device and sync rows. */
  view(extras: SnapshotExtras): StationSnapshot {
    return buildSnapshot(this.ctx, extras);
  }

  /** A saved settings change: the next scan and reading use the new config. */
  applyConfig(config: StationConfig): void {
    this.ctx.config = config;
  }

  /** Called after every commit, with what must happen outside the transaction. */
  onCommit(listener: (info: CommitInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `misread`: the keys were a wedge burst that made no code; recorded and shown, never routed. */
  scan(raw: string, source: ScanSource, misread?: MisreadReason): ScanResult {
    const normalized = normalizeScan(raw);
    return this.transact((ctx) => {
      // The scan belongs to whoever was at the desk: the packer before it, or the one it logged in.
      const before = ctx.rt.packer?.id ?? null;
      const outcome = misread ? misreadOutcome(ctx, misread) : asMisread(routeScan(ctx, normalized), normalized);
      const packerId = before ?? ctx.rt.packer?.id ?? null;
      const pack = ctx.rt.pack;
      const scanId = ctx.stores.packs.insertScan({
        at: ctx.clock.now(),
        stationId: ctx.stationId,
        packerId,
        packId: pack?.id ?? null,
        parcelNo: pack?.parcelNo ?? null,
        raw,
        code: normalized.text,
        source,
        verdict: outcome.verdict,
        productId: outcome.productId ?? null,
        qty: outcome.qty ?? 0,
        detail: outcome.detail ?? null,
      });
      ctx.stores.outbox.append(
        'scan.recorded',
        {
          scanId,
          packId: pack?.id ?? null,
          orderId: pack?.order.id ?? ctx.rt.alert?.orderId ?? null,
          code: normalized.text,
          verdict: outcome.verdict,
          productId: outcome.productId ?? null,
          qty: outcome.qty ?? 0,
          parcelNo: pack?.parcelNo ?? null,
        },
        packerId,
      );
      // The completion chime (weight passes on a later reading) is not this scan's sound.
      const sound: Sound = outcome.sound;
      return { scanId, verdict: outcome.verdict, sound };
    }, true);
  }

  /** A scale reading. Returns whether the pack changed (the live value is pushed separately). */
  reading(r: ScaleView): boolean {
    return (
      this.transact(
        (ctx) => applyReading(ctx, r),
        false,
        (effect) => effect !== 'none',
      ) !== 'none'
    );
  }

  addWaybills(
    carrier: string,
    numbers: readonly string[],
  ): { added: number; duplicates: number; labelsReleased: number } {
    return this.transact((ctx) => {
      const res = ctx.stores.pool.add(carrier, numbers, ctx.clock.now());
      const labelsReleased = assignPendingWaybills(ctx, carrier);
      return { ...res, labelsReleased };
    }, false);
  }

  /** Leaves supervisor mode at this desk (the view's close button; CMD-CANCEL does the same). */
  closeSupervisor(): void {
    this.transact((ctx) => {
      ctx.rt.supervisor = null;
    }, false);
  }

  applyOrderUpdate(order: Order): void {
    this.transact((ctx) => applyOrderUpdate(ctx, order), false);
  }

  /** The hub says another station holds the order of pack `packId`; false when that pack is gone. */
  claimRefused(packId: string, heldBy: string | null): boolean {
    return this.transact(
      (ctx) => interceptClaimed(ctx, packId, heldBy),
      false,
      (raised) => raised,
    );
  }

  /**
   * Applies what the hub sent (one pull) in one desk transaction: all of it or none. `changed` says
   * whether the UI must hear of it. An intercept it raised rings like a scanned one.
   */
  applyUpstream<T>(fn: (upstream: Upstream) => T, changed: (result: T) => boolean): T {
    return this.transact(
      (ctx) => {
        const alertBefore = ctx.rt.alert;
        const result = fn(upstreamOf(ctx));
        if (ctx.rt.alert !== alertBefore && ctx.rt.alert?.kind === 'intercept') ctx.effects.sounds.push('intercept');
        return result;
      },
      false,
      changed,
    );
  }

  /** Run `fn` in one transaction; restore memory on failure; notify listeners after commit. */
  private transact<T>(fn: (ctx: DeskContext) => T, isScan: boolean, notify: (result: T) => boolean = () => true): T {
    const saved = cloneRuntime(this.ctx.rt);
    this.ctx.effects = { print: [], sounds: [] };
    let result: T;
    try {
      result = this.ctx.db.transaction(() => {
        const r = fn(this.ctx);
        this.persisted = persistRuntime(this.ctx, this.persisted);
        return r;
      })();
    } catch (err) {
      this.ctx.rt = saved;
      this.ctx.effects = { print: [], sounds: [] };
      throw err;
    }
    if (!notify(result)) return result;
    const info: CommitInfo = { effects: this.ctx.effects, scan: isScan ? (result as unknown as ScanResult) : null };
    for (const l of this.listeners) l(info);
    return result;
  }
}

/** A fragment or too-short burst: the packer is told to scan again; nothing else changes. */
function misreadOutcome(ctx: DeskContext, reason: MisreadReason): Outcome {
  notice(ctx, 'warn', 'misread');
  return { verdict: 'misread', sound: 'error', detail: reason };
}

/**
 * An unknown code that cannot be any code (noise, broken GS1, too short) is the scanner's misread,
 * not the packer's error (issue 12 §4). The alert it raised stays: the packer still has to rescan.
 */
function asMisread(outcome: Outcome, scan: ReturnType<typeof normalizeScan>): Outcome {
  return outcome.verdict === 'unknown_code' && isMisread(scan) ? { ...outcome, verdict: 'misread' } : outcome;
}
