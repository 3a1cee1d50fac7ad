import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stationConfigSchema } from '../../src/main/config/schema.js';
import { ConfigError, loadConfigFile } from '../../src/hosts/station/config-file.js';
import { DEMO_CONFIG_PATH } from '../../src/hosts/station/paths.js';

describe('station config', () => {
  it('takes the warehouse names of the intercept bin and the return shelf, and refuses empty ones', () => {
    const cfg = stationConfigSchema.parse({ station: { id: 'S1' }, ui: { bins: { intercept: 'A3 拦截箱' } } });
    expect(cfg.ui.bins).toEqual({ intercept: 'A3 拦截箱' });
    const bad = stationConfigSchema.safeParse({ station: { id: 'S1' }, ui: { bins: { shelf: '' } } });
    expect(bad.success).toBe(false);
  });

  it('fills every default from the smallest file', () => {
    const cfg = stationConfigSchema.parse({ station: { id: 'S1' } });
    expect(cfg.station).toEqual({ id: 'S1', layout: 'u_shaped', timezone: 'Asia/Shanghai' });
    // bins: the intercept bin and return shelf names (issue 12); empty means the UI's own words.
    expect(cfg.ui).toEqual({ host: '127.0.0.1', port: 5180, kiosk: false, bins: {} });
    expect(cfg.devices.scanner).toEqual({ kind: 'keyboard' });
    expect(cfg.devices.scale).toMatchObject({ kind: 'sim', offsetG: 0, autoPlace: true });
    expect(cfg.devices.printer).toMatchObject({
      language: 'tspl',
      interface: 'sim',
      dpi: 203,
      widthMm: 100,
      heightMm: 180,
    });
    expect(cfg.packing.weight).toEqual({ toleranceG: 30, tolerancePct: 5, minG: 20 });
    expect(cfg.packing.packaging.byCategory).toEqual({
      fragile: 'CARTON5-BUBBLE',
      apparel: 'POLY-BAG',
      food: 'VACUUM-ICE',
      fresh: 'INSULATED-ICE',
      valuable: 'CARTON-SEAL',
      general: 'CARTON',
    });
    expect(cfg.packing.carriers.names).toEqual({ SF: '顺丰速运', ZTO: '中通快递', JD: '京东物流', YTO: '圆通速递' });
    expect(cfg.demo).toBeUndefined();
  });

  it('names the path, what was expected and what was found for each problem', () => {
    const bad = {
      station: { id: 'S 1', layout: 'round' },
      devices: { scale: { kind: 'sim', offsetG: '5' } },
      packing: { weight: { toleranceG: -1 }, extra: 1 },
    };
    const r = stationConfigSchema.safeParse(bad);
    expect(r.success).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-cfg-'));
    try {
      const file = join(dir, 'station.json');
      writeFileSync(file, JSON.stringify(bad));
      expect(() => loadConfigFile(file, stationConfigSchema)).toThrow(ConfigError);
      let message = '';
      try {
        loadConfigFile(file, stationConfigSchema);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message.split('\n')).toEqual([
        `${file} is invalid:`,
        '  - station.id: expected 1–32 letters, digits, _ or -, got "S 1"',
        '  - station.layout: expected one of "u_shaped", "straight", "island", got "round"',
        '  - devices.scale.offsetG: expected number, got "5"',
        '  - packing.weight.toleranceG: expected ≥ 0, got -1',
        '  - packing.extra: unknown field (check the spelling)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports JSON syntax errors with line and column, and missing files by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-cfg-'));
    try {
      const file = join(dir, 'broken.json');
      writeFileSync(file, '{\n  "station": { "id": "S1", }\n}');
      expect(() => loadConfigFile(file, stationConfigSchema)).toThrow(
        /broken\.json: not valid JSON at line 2, column \d+/,
      );
      expect(() => loadConfigFile(join(dir, 'none.json'), stationConfigSchema)).toThrow(
        /none\.json: cannot read the config file \(ENOENT\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks packaging and carrier tables refer to known entries', () => {
    const r = stationConfigSchema.safeParse({
      station: { id: 'S1' },
      packing: {
        carriers: {
          byCategory: { fragile: 'EMS', valuable: 'SF', fresh: 'JD', food: 'JD', apparel: 'YTO', general: 'ZTO' },
        },
      },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ['packing', 'carriers', 'byCategory', 'fragile'],
      message: 'carrier EMS is not in packing.carriers.names',
    });
  });

  it('the bundled demo config is valid', () => {
    const cfg = loadConfigFile(DEMO_CONFIG_PATH, stationConfigSchema);
    expect(cfg.station.id).toBe('DEMO-1');
    expect(cfg.demo).toEqual({ seed: 20261125, orders: 320, waybillsPerCarrier: 150, trickleS: 20, cancelEvery: 4 });
    expect(cfg.hub).toBeUndefined(); // the station links to its embedded demo hub at start
  });
});

describe('scanner and statistics keys (issue 12)', () => {
  it('defaults scanner.rejoinMs to 150 and stats.minActiveMinutes to 15, shows them to the UI, and bounds them', () => {
    const cfg = stationConfigSchema.parse({ station: { id: 'S1' } });
    expect(cfg.scanner).toEqual({ rejoinMs: 150 });
    expect(cfg.stats.minActiveMinutes).toBe(15);
    expect(stationConfigSchema.parse({ station: { id: 'S1' }, scanner: { rejoinMs: 0 } }).scanner.rejoinMs).toBe(0);
    const bad = stationConfigSchema.safeParse({ station: { id: 'S1' }, scanner: { rejoinMs: 5000 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['scanner', 'rejoinMs']);
    expect(stationConfigSchema.safeParse({ station: { id: 'S1' }, stats: { minActiveMinutes: -1 } }).success).toBe(
      false,
    );
  });
});
