// Station tokens can be revoked and rotated; a revoked desk is told why (it pauses on that reason).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../helpers/hub.js';

let t: TestHub;
beforeEach(async () => {
  t = await startTestHub();
});
afterEach(async () => {
  await t.close();
});

const hello = (token: string) => t.call<{ message?: string; stationId?: string }>(token, 'GET', '/v1/sync/hello');

describe('station tokens', () => {
  it('revoke stops the token at once and says so; rotate gives a new one and ends the old', async () => {
    const token = await t.addStation('A');
    expect((await hello(token)).status).toBe(200);

    expect((await t.admin('POST', '/v1/admin/stations/A/revoke')).status).toBe(200);
    const refused = await hello(token);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/^the token of station A was revoked at .+; ask the admin for a new one$/);
    expect((await t.call(token, 'GET', '/v1/stats/supervisor')).status).toBe(401);
    expect((await t.admin('POST', '/v1/admin/stations/A/revoke')).status).toBe(409);

    const rotated = await t.admin<{ id: string; token: string }>('POST', '/v1/admin/stations/A/rotate');
    expect(rotated.body.id).toBe('A');
    expect(rotated.body.token).not.toBe(token);
    expect((await hello(rotated.body.token)).body.stationId).toBe('A');
    const old = await hello(token);
    expect(old.status).toBe(401);
    expect(old.body.message).toMatch(/unknown station token/);
  });

  it('answers 404 for a station it does not have, and 401 without the admin token', async () => {
    expect((await t.admin('POST', '/v1/admin/stations/ZZ/revoke')).status).toBe(404);
    expect((await t.admin('POST', '/v1/admin/stations/ZZ/rotate')).status).toBe(404);
    expect((await t.call(null, 'POST', '/v1/admin/stations/A/rotate')).status).toBe(401);
  });
});
