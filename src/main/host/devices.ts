// Devices from the station config. Simulators are first-class: the demo, the browser tests and
// development without hardware all run on them.
import type { Clock } from '../../shared/clock.js';
import { SimPrinter } from '../../hardware/sim/printer.js';
import { SimScale } from '../../hardware/sim/scale.js';
import { SimScanner } from '../../hardware/sim/scanner.js';
import type { StationConfig } from '../config/schema.js';
import type { StationDevices } from '../core/services.js';

export interface BuiltDevices {
  devices: StationDevices;
  sim: { scale: SimScale | null; printer: SimPrinter | null; scanner: SimScanner | null };
}

export function createDevices(config: StationConfig, clock: Clock): BuiltDevices {
  const d = config.devices;
  // A keyboard-wedge scanner is read by the UI and reaches the core through scan.submit.
  const scanner = d.scanner.kind === 'sim' ? new SimScanner() : null;
  const scale = new SimScale(clock, {
    offsetG: d.scale.offsetG,
    noiseG: d.scale.noiseG,
    settleMs: d.scale.settleMs,
    unstable: d.scale.unstable,
    tickMs: d.scale.tickMs,
  });
  const printer = new SimPrinter(d.printer.language, () => clock.now(), { paperOut: d.printer.paperOut });
  return { devices: { scanner, scale, printer }, sim: { scale, printer, scanner } };
}
