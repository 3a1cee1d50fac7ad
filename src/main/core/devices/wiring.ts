// How device events reach the desk and the UI: readings and scans into the desk (each its own
// transaction), status changes and raw scale frames out to subscribers.
import type { DeviceStatus as DeviceStatusView, ScanSource } from '../../../contract/station.js';
import type { ScaleFrameView } from '../../../contract/api.js';
import type { Device } from '../../../hardware/types.js';
import type { Desk } from '../packing/desk.js';
import type { CoreEventBus } from '../events.js';
import type { DeviceSlots } from '../services.js';
import type { RawFrame } from './slots.js';

export function deviceView(role: DeviceStatusView['role'], d: Device): DeviceStatusView {
  const s = d.status();
  return { role, kind: d.kind, simulated: d.simulated, state: s.state, detail: s.detail };
}

/** The scanner row: a keyboard-wedge scanner has no driver here — the UI reads it, so it is ready. */
export function scannerView(slots: DeviceSlots, configuredKind: string): DeviceStatusView {
  return slots.scanner.current()
    ? deviceView('scanner', slots.scanner)
    : { role: 'scanner', kind: configuredKind, simulated: false, state: 'ready', detail: null };
}

export function frameView(f: RawFrame): ScaleFrameView {
  const bytes = Array.from(f.raw);
  return {
    at: f.at,
    hex: bytes.map((b) => b.toString(16).padStart(2, '0')).join(' '),
    // Control bytes shown as <XX> so STX/ETX/CR framing is visible in the live view.
    text: bytes
      .map((b) =>
        b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `<${b.toString(16).padStart(2, '0').toUpperCase()}>`,
      )
      .join(''),
    kind: f.frame?.kind ?? null,
    grams: f.frame?.grams ?? null,
    stable: f.frame?.stable ?? null,
    status: f.frame?.status ?? null,
    detail: f.frame?.detail ?? null,
  };
}

export function wireDevices(
  slots: DeviceSlots,
  desk: Desk,
  bus: CoreEventBus,
  publish: () => void,
  log: (line: string) => void,
): (() => void)[] {
  const subs: (() => void)[] = [];
  subs.push(
    slots.scale.onReading((r) => {
      try {
        desk.reading(r);
      } catch (err) {
        log(`scale reading not applied: ${err instanceof Error ? err.message : String(err)}`);
      }
      bus.emit('scale.reading', r);
    }),
    slots.scale.onFrame((f) => bus.emit('scale.frame', frameView(f))),
    slots.scanner.onScan((code) => {
      const source: ScanSource = slots.scanner.simulated ? 'sim' : 'serial';
      try {
        desk.scan(code, source);
      } catch (err) {
        log(`scan "${code}" failed: ${err instanceof Error ? err.stack : String(err)}`);
      }
    }),
  );
  for (const slot of [slots.scanner, slots.scale, slots.printer]) subs.push(slot.onStatus(publish));
  return subs;
}
