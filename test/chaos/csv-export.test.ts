// CSV exports from a hub process: a station or packer name that a spreadsheet would run as a formula
// (OWASP CSV injection) arrives as text.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/base/ids.js';
import { ADMIN_TOKEN } from '../helpers/hub.js';
import { startHubProcess, writeConfig, type StationProcess } from '../helpers/process.js';

let hub: StationProcess;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-csv-'));
  hub = await startHubProcess({
    config: writeConfig(dir, { hub: { adminToken: ADMIN_TOKEN } }, 'hub.json'),
    data: join(dir, 'data'),
  });
}, 60_000);
afterAll(async () => {
  await hub?.stop();
});

const call = async (token: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${hub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, text: await res.text() };
};

describe('CSV export injection', () => {
  it('writes a formula-like station and packer as text in /v1/stats.csv', async () => {
    const station = '-A1'; // a spreadsheet reads "-A1" as the formula =-A1
    const added = await call(ADMIN_TOKEN, 'POST', '/v1/admin/stations', { id: station, layout: 'island' });
    expect(added.status).toBe(200);
    const { token } = JSON.parse(added.text) as { token: string };
    const at = Date.now();
    const login = { packerId: '@SUM(A1)', role: 'packer' as const };
    const pushed = await call(token, 'POST', '/v1/sync/events', {
      events: [
        { id: newId(at), type: 'packer.login', at, stationId: station, packerId: login.packerId, payload: login },
      ],
    });
    expect(pushed.status).toBe(200);
    const from = at - 3_600_000;
    const byStation = await call(ADMIN_TOKEN, 'GET', `/v1/stats.csv?from=${from}&to=${at + 60_000}&by=station`);
    expect(byStation.status).toBe(200);
    expect(byStation.text.split('\n')[1]?.startsWith("'-A1,")).toBe(true);
    const byPacker = await call(ADMIN_TOKEN, 'GET', `/v1/stats.csv?from=${from}&to=${at + 60_000}&by=packer`);
    expect(byPacker.text.split('\n')[1]?.startsWith("'@SUM(A1),")).toBe(true);
  });
});
