import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stationConfigSchema } from '../../../../src/main/config/schema.js';
import { createDeviceFactory, initialDevices } from '../../../../src/hosts/station/devices.js';
import { SerialScale } from '../../../../src/hardware/scale/serial-scale.js';
import { SerialScanner } from '../../../../src/hardware/scanner/serial-scanner.js';
import { RawLabelPrinter } from '../../../../src/hardware/printer/raw-printer.js';
import { PrinterSimServer } from '../../../../src/hardware/sim/printer-server.js';
import { SimPrinter } from '../../../../src/hardware/sim/printer.js';
import { SimScale } from '../../../../src/hardware/sim/scale.js';
import { ManualClock } from '../../../helpers/clock.js';
import { until } from './fake-link.js';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('device factory', () => {
  it('builds the simulators for sim config, and no scanner driver for a keyboard wedge', () => {
    const config = stationConfigSchema.parse({ station: { id: 'S1' } });
    const devices = initialDevices(createDeviceFactory(new ManualClock(), { dataDir: '/nonexistent' }), config);
    expect(devices.scanner).toBeNull();
    expect(devices.scale).toBeInstanceOf(SimScale);
    expect(devices.printer).toBeInstanceOf(SimPrinter);
  });

  it('builds the real drivers, and the printer journals to dataDir/printer-journal.txt', async () => {
    dir = mkdtempSync(join(tmpdir(), 'packdesk-devices-'));
    const sim = new PrinterSimServer({ language: 'tspl', port: 0 });
    const port = await sim.listen();
    try {
      const config = stationConfigSchema.parse({
        station: { id: 'S1' },
        devices: {
          scanner: { kind: 'serial', path: join(dir, 'no-scanner') },
          scale: { kind: 'serial', path: join(dir, 'no-scale'), protocol: 'toledo-8217', baudRate: 4800 },
          printer: { language: 'tspl', interface: `tcp://127.0.0.1:${port}` },
        },
      });
      const devices = initialDevices(createDeviceFactory(new ManualClock(), { dataDir: dir }), config);
      expect(devices.scanner).toBeInstanceOf(SerialScanner);
      expect(devices.scale).toBeInstanceOf(SerialScale);
      expect(devices.printer).toBeInstanceOf(RawLabelPrinter);

      const { scale, printer } = devices;
      await scale.start();
      await until(() => scale.status().state === 'disconnected', 2000, 'scale open failure');
      expect(scale.status().detail).toContain(`cannot open serial port ${join(dir, 'no-scale')}`);
      await scale.stop();

      await printer.start();
      await until(() => printer.status().state === 'ready', 2000, 'printer ready');
      await printer.print({
        id: 'LBL-1',
        layout: { widthMm: 100, heightMm: 180, elements: [{ type: 'text', x: 5, y: 5, size: 5, text: '顺丰 SF1' }] },
        reprint: false,
        copies: 1,
      });
      await until(() => sim.jobs().length === 1, 2000, 'job at the printer');
      expect(Buffer.from(sim.jobs()[0]?.bytes ?? []).toString('latin1')).toContain('TSS24.BF2');
      expect(readFileSync(join(dir, 'printer-journal.txt'), 'utf8')).toBe('intent LBL-1\ndone LBL-1\n');
      await printer.stop();
    } finally {
      await sim.close();
    }
  });
});
