// Claims (POST /v1/sync/claims): a pack started while online asks the hub for its order, so two
// stations do not pack the same order at once. The hub's "no, station S2 has it" becomes an
// `order_claimed` intercept at the desk; CMD-ACK then cancels the pack. Offline there is no claim:
// the hub finds an order packed at two stations in the events and reports `packed_twice`.
import type { ClaimResponse } from '../../contract/sync.js';
import type { Desk } from '../core/packing/desk.js';

export interface ClaimDeps {
  desk: Desk;
  log: (line: string) => void;
  online(): boolean;
  /** Sends the claim; null when the request failed (the engine has recorded why). */
  send(orderId: string, packId: string): Promise<ClaimResponse | null>;
}

export class PackClaims {
  /** The last pack seen; each pack is claimed at most once, when it is first seen. */
  private seenPackId: string | null = null;

  constructor(private readonly deps: ClaimDeps) {}

  /** At start-up: an open pack was claimed (or started offline) before the restart. */
  restart(): void {
    this.seenPackId = this.deps.desk.openPack()?.id ?? null;
  }

  /** After a commit that appended events: claim the pack that started in it, if any. */
  check(): void {
    const pack = this.deps.desk.openPack();
    if (!pack || pack.id === this.seenPackId) return;
    this.seenPackId = pack.id;
    if (this.deps.online()) void this.claim(pack.id, pack.orderId);
  }

  private async claim(packId: string, orderId: string): Promise<void> {
    const res = await this.deps.send(orderId, packId);
    if (!res || res.ok) return;
    // Refused after the pack ended (completed, cancelled): nothing to intercept; the hub reports it.
    if (this.deps.desk.claimRefused(packId, res.heldBy)) {
      this.deps.log(`order ${orderId} is being packed at station ${res.heldBy ?? '?'}: pack ${packId} intercepted`);
    }
  }
}
