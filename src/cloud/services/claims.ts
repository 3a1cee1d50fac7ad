// Claims: the station packing an order holds it at the hub, so a second desk is told "station S has
// it" instead of packing it twice. A claim ends with its pack (completed, cancelled or held), lapses
// after `stations.claimTtlS` without a sign of the pack (its events refresh it), and a supervisor can
// release one. The station that loses a claim it still held — taken by another desk after it lapsed,
// or released by a supervisor — is told on its next pull (an exception addressed to it, which the desk
// shows as a claim_lost notice).
import { newId } from '../../base/ids.js';
import type { ClaimResponse, HubException } from '../../contract/sync.js';
import type { HubContext } from '../context.js';
import type { ClaimRow, HubTx } from '../store/types.js';

export interface ClaimView extends ClaimRow {
  expiresAt: number;
  expired: boolean;
}

export const claimTtlMs = (ctx: HubContext): number => ctx.config.stations.claimTtlS * 1000;

const lapsed = (claim: { at: number }, now: number, ttlMs: number) => claim.at + ttlMs <= now;

/**
 * Tells `stationId` it lost its claim. The exception is closed at once: it informs the desk, nothing
 * is left for anyone to handle, and the next loss of the same order is told again.
 */
async function tellLoser(
  t: HubTx,
  lost: { orderId: string; stationId: string },
  kind: HubException['kind'],
  detail: string,
  now: number,
): Promise<void> {
  await t.exceptions.add({ id: newId(now), orderId: lost.orderId, stationId: lost.stationId, kind, detail, at: now });
  await t.exceptions.resolve(lost.orderId, [kind], now);
}

/**
 * `stationId` asks for the order for its pack: granted unless another station holds a live claim
 * or has packed it. A lapsed claim of another station is taken over, and that station is told.
 */
export async function claimOrder(
  t: HubTx,
  req: { orderId: string; stationId: string; packId: string },
  now: number,
  ttlMs: number,
): Promise<ClaimResponse & { takenFrom: ClaimRow | null }> {
  const held = await t.claims.get(req.orderId);
  const other = held && held.stationId !== req.stationId ? { ...held, orderId: req.orderId } : null;
  if (other && !lapsed(other, now, ttlMs)) return { ok: false, heldBy: other.stationId, takenFrom: null };
  const order = await t.orders.get(req.orderId);
  if (order?.packedBy && order.packedBy !== req.stationId)
    return { ok: false, heldBy: order.packedBy, takenFrom: null };
  await t.claims.set(req.orderId, req.stationId, req.packId, now);
  if (other) {
    const idle = Math.round((now - other.at) / 1000);
    await tellLoser(
      t,
      other,
      'claimed_elsewhere',
      `claim of ${other.stationId} (pack ${other.packId}) lapsed after ${idle} s without activity; taken by ${req.stationId}`,
      now,
    );
  }
  return { ok: true, heldBy: null, takenFrom: other };
}

export async function listClaims(ctx: HubContext, limit = 1000): Promise<ClaimView[]> {
  const now = ctx.now();
  const ttl = claimTtlMs(ctx);
  const rows = await ctx.store.tx((t) => t.claims.list(limit));
  return rows.map((c) => ({ ...c, expiresAt: c.at + ttl, expired: lapsed(c, now, ttl) }));
}

/** A supervisor frees the order for any desk; the station that held it is told. Null: no claim. */
export async function releaseClaim(ctx: HubContext, orderId: string): Promise<ClaimRow | null> {
  const now = ctx.now();
  const released = await ctx.store.tx(async (t) => {
    const held = await t.claims.get(orderId);
    if (!held || !(await t.claims.remove(orderId))) return null;
    await tellLoser(
      t,
      { orderId, stationId: held.stationId },
      'claim_released',
      `claim of ${held.stationId} (pack ${held.packId}) released by a supervisor at the hub`,
      now,
    );
    return { orderId, ...held };
  });
  if (released) ctx.warn('claim released by the admin', { ...released });
  return released;
}
