// After-sale disputes at the desk (README "Packing video", After-sale disputes). The hub files a
// case when WeChat reports an after-sale on an order this desk packed; the desk pins that order's
// clips (retention never deletes them) and shows the case with the order's stills. Only a
// supervisor's badge sends chosen stills to the hub, which forwards them to WeChat as proof.
import { readFileSync } from 'node:fs';
import type { Clock, Timer } from '../../../base/clock.js';
import { CoreFault } from '../../../contract/api.js';
import type { DeskDisputeCase, DisputesResult } from '../../../contract/api.js';
import type { DisputeCase, DisputeProof } from '../../../contract/disputes.js';
import type { Packer } from '../../../contract/entities.js';
import { SyncError } from '../../sync/http.js';
import type { HubDisputes } from '../../sync/dispute-reads.js';
import type { VideoService } from './service.js';

/** How often the desk asks the hub for new cases when nobody has the evidence screen open. */
const REFRESH_MS = 5 * 60_000;
const FIRST_REFRESH_MS = 30_000;

export interface DisputeDeskDeps {
  /** null: the station runs without a hub. */
  hub: HubDisputes | null;
  video: Pick<VideoService, 'find' | 'pin' | 'filePath'>;
  packers: { findByBadge(badge: string): Packer | undefined };
  clock: Clock;
  log: (line: string) => void;
}

export class DisputeDesk {
  private timer: Timer | null = null;
  private stopped = false;

  constructor(private readonly d: DisputeDeskDeps) {}

  /** Background refresh, so clips are pinned even before anyone opens the screen. */
  start(): void {
    if (!this.d.hub || this.timer || this.stopped) return;
    const tick = () => {
      this.cases()
        .catch((err: unknown) => this.d.log(`disputes: refresh failed: ${String(err)}`))
        .finally(() => {
          if (!this.stopped) this.timer = this.d.clock.setTimeout(tick, REFRESH_MS);
        });
    };
    // Not at once: a desk starting up has more urgent calls to make to the hub.
    this.timer = this.d.clock.setTimeout(tick, FIRST_REFRESH_MS);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  /** The hub's cases on orders this desk packed, with their stills; their packs are pinned. */
  async cases(): Promise<DisputesResult> {
    const hub = this.d.hub;
    if (!hub) return { ok: false, reason: 'no_hub', message: '' };
    let cases: DisputeCase[];
    try {
      cases = await hub.cases();
    } catch (err) {
      if (!(err instanceof SyncError)) throw err;
      this.d.log(`disputes: the hub is out of reach (${err.reason}: ${err.message})`);
      return { ok: false, reason: 'unreachable', message: err.message };
    }
    return { ok: true, cases: cases.map((c) => this.withStills(c)) };
  }

  /** The supervisor's confirmation: the chosen stills of the case's order go to the hub. */
  async confirm(a: { caseId: string; badge: string; stillIds: number[] }): Promise<DisputeCase> {
    const hub = this.d.hub;
    if (!hub) throw new CoreFault('conflict', 'this station has no hub: proof cannot be sent');
    const supervisor = this.d.packers.findByBadge(a.badge);
    if (supervisor?.role !== 'supervisor')
      throw new CoreFault('bad_request', `badge: ${a.badge} is not a supervisor's badge`);
    const found = await this.cases();
    if (!found.ok) throw new CoreFault('transport', `the hub is out of reach: ${found.message}`, true);
    const c = found.cases.find((x) => x.caseId === a.caseId);
    if (!c) throw new CoreFault('not_found', `no dispute ${a.caseId} for this station`);
    const proof: DisputeProof = { supervisorId: supervisor.id, stills: a.stillIds.map((id) => this.still(c, id)) };
    try {
      const sent = await hub.sendProof(c.caseId, proof);
      this.d.log(`dispute ${c.caseId}: ${proof.stills.length} stills confirmed by ${supervisor.id}`);
      return sent;
    } catch (err) {
      if (!(err instanceof SyncError)) throw err;
      throw new CoreFault(err.reason === 'refused' ? 'conflict' : 'transport', err.message, err.reason !== 'refused');
    }
  }

  private withStills(c: DisputeCase): DeskDisputeCase {
    const packs = this.d.video.find(c.orderId);
    // Open cases keep their clips past retention; pinning again is harmless.
    if (c.state !== 'sent') for (const p of packs) if (!p.pinned) this.d.video.pin(p.packId, true);
    return { ...c, stills: packs.flatMap((p) => p.stills) };
  }

  private still(c: DeskDisputeCase, id: number): DisputeProof['stills'][number] {
    const file = c.stills.find((s) => s.id === id);
    const path = file?.url ? this.d.video.filePath(id) : null;
    if (!file || !path) throw new CoreFault('bad_request', `stillIds: ${id} is not a still of order ${c.orderId}`);
    return {
      name: `still-${id}-${file.moment ?? 'frame'}-${file.cameraId}.jpg`.replace(/[^A-Za-z0-9._-]/g, '_'),
      contentType: 'image/jpeg',
      base64: readFileSync(path.path).toString('base64'),
    };
  }
}
