// The desk's side of after-sale disputes (core/video/disputes.ts): the hub's cases pin the order's
// packs and come with its stills; only a supervisor's badge sends, and only the order's own stills,
// read from disk as base64; a hub out of reach is an answer, not an error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceClip, EvidenceFile } from '../../../src/contract/api/video.js';
import type { DisputeCase, DisputeProof } from '../../../src/contract/disputes.js';
import type { Packer } from '../../../src/contract/entities.js';
import { DisputeDesk } from '../../../src/main/core/video/disputes.js';
import type { HubDisputes } from '../../../src/main/sync/dispute-reads.js';
import { SyncError } from '../../../src/main/sync/http.js';
import { ManualClock } from '../../helpers/clock.js';

const T0 = Date.UTC(2026, 11, 2, 5, 0, 0);
const PACKERS: Packer[] = [
  { id: 'S01', name: '陈静', badge: 'BADGE-S01', role: 'supervisor' },
  { id: 'P01', name: '李明', badge: 'BADGE-P01', role: 'packer' },
];
const CASE: DisputeCase = {
  caseId: 'AS-1',
  orderId: 'O-1',
  type: 'RETURN',
  reason: '少件',
  wechatStatus: 'MERCHANT_PROCESSING',
  state: 'open',
  error: null,
  createdAt: T0,
  updatedAt: T0,
};

let dir: string;
let pinned: string[];
let sent: { caseId: string; proof: DisputeProof }[];
let reachable: boolean;

const file = (id: number, moment: string): EvidenceFile => ({
  id,
  kind: 'still',
  cameraId: 'top',
  moment,
  at: T0 + id,
  bytes: 4,
  sha256: 'd'.repeat(64),
  url: `/video/file/${id}`,
});
const pack: EvidenceClip = {
  packId: 'PK1',
  orderId: 'O-1',
  waybills: ['SF1'],
  packerId: 'P01',
  startMs: T0,
  endMs: T0 + 10_000,
  pinned: false,
  clips: [],
  stills: [file(6, 'scan'), file(7, 'label')],
  marks: [],
  exportUrl: '/video/export/PK1.zip',
};

const hub: HubDisputes = {
  cases: () => (reachable ? Promise.resolve([CASE]) : Promise.reject(new SyncError('network', 'connect ECONNREFUSED'))),
  sendProof: (caseId, proof) => {
    sent.push({ caseId, proof });
    return Promise.resolve({ ...CASE, state: 'proof_ready' });
  },
};

function desk(withHub = true): DisputeDesk {
  return new DisputeDesk({
    hub: withHub ? hub : null,
    video: {
      find: (code) => (code === 'O-1' ? [{ ...pack, pinned: pinned.includes('PK1') }] : []),
      pin: (packId, on) => {
        if (on) pinned.push(packId);
        return true;
      },
      filePath: (id) => ({ path: join(dir, `${id}.jpg`), type: 'image/jpeg' }),
    },
    packers: { findByBadge: (b) => PACKERS.find((p) => p.badge === b) },
    clock: new ManualClock(T0),
    log: () => undefined,
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dispute-desk-'));
  for (const id of [6, 7]) writeFileSync(join(dir, `${id}.jpg`), Buffer.from([0xff, 0xd8, id, 0xd9]));
  pinned = [];
  sent = [];
  reachable = true;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('dispute desk', () => {
  it('lists the case with its stills and pins the order’s pack once', async () => {
    const d = desk();
    const r = await d.cases();
    expect(r).toEqual({ ok: true, cases: [{ ...CASE, stills: pack.stills }] });
    await d.cases();
    expect(pinned).toEqual(['PK1']);
  });

  it('sends the chosen stills with the supervisor’s id, and nothing for a packer’s badge', async () => {
    const d = desk();
    await expect(d.confirm({ caseId: 'AS-1', badge: 'BADGE-P01', stillIds: [6] })).rejects.toThrow(
      "badge: BADGE-P01 is not a supervisor's badge",
    );
    await expect(d.confirm({ caseId: 'AS-1', badge: 'BADGE-S01', stillIds: [99] })).rejects.toThrow(
      'stillIds: 99 is not a still of order O-1',
    );
    expect(sent).toEqual([]);
    const r = await d.confirm({ caseId: 'AS-1', badge: 'BADGE-S01', stillIds: [7, 6] });
    expect(r.state).toBe('proof_ready');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.proof.supervisorId).toBe('S01');
    expect(sent[0]!.proof.stills.map((s) => [s.name, Buffer.from(s.base64, 'base64')[2]])).toEqual([
      ['still-7-label-top.jpg', 7],
      ['still-6-scan-top.jpg', 6],
    ]);
  });

  it('a hub out of reach, or none, is an answer', async () => {
    reachable = false;
    expect(await desk().cases()).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(await desk(false).cases()).toEqual({ ok: false, reason: 'no_hub', message: '' });
    await expect(desk(false).confirm({ caseId: 'AS-1', badge: 'BADGE-S01', stillIds: [6] })).rejects.toThrow('no hub');
  });
});
