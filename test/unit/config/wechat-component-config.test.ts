// devices.wechatComponent in the station config: defaults, and one clear line per mistake.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stationConfigSchema } from '../../../src/main/config/schema.js';
import { loadConfigFile } from '../../../src/hosts/station/config-file.js';

function problems(devices: object): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-wxcfg-'));
  try {
    const file = join(dir, 'station.json');
    writeFileSync(file, JSON.stringify({ station: { id: 'S1' }, devices }));
    try {
      loadConfigFile(file, stationConfigSchema);
      return [];
    } catch (err) {
      return (err as Error).message.split('\n').slice(1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('devices.wechatComponent', () => {
  it('is absent unless configured, and fills its defaults when it is', () => {
    expect(stationConfigSchema.parse({ station: { id: 'S1' } }).devices.wechatComponent).toBeUndefined();
    expect(
      stationConfigSchema.parse({ station: { id: 'S1' }, devices: { wechatComponent: {} } }).devices.wechatComponent,
    ).toEqual({ url: 'ws://127.0.0.1:12705', printer: null, requestTimeoutMs: 30_000, faultPollMs: 3000 });
  });

  it('names the field and what was expected', () => {
    expect(problems({ wechatComponent: { url: 'http://127.0.0.1:12705' } })).toEqual([
      '  - devices.wechatComponent.url: expected a WebSocket URL like ws://127.0.0.1:12705, or "sim", got "http://127.0.0.1:12705"',
    ]);
    expect(problems({ wechatComponent: { printer: '' } })).toHaveLength(1);
    expect(problems({ wechatComponent: { port: 12705 } })).toEqual([
      '  - devices.wechatComponent.port: unknown field (check the spelling)',
    ]);
  });
});
