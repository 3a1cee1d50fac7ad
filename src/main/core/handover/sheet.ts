// The handover part of the barcode sheet: the mode's commands, one code per carrier (a courier
// without a badge), and the courier badges the config names.
import type { SheetEntry } from '../../../contract/api.js';
import { HANDOVER_CLOSE, HANDOVER_EXIT, HANDOVER_START, carrierCode } from '../../../contract/handover.js';
import type { StationConfig } from '../../config/schema.js';

export function handoverSheet(config: StationConfig): SheetEntry[] {
  const names = config.packing.carriers.names;
  return [
    { code: HANDOVER_START, labelKey: 'handover.cmd.start', text: HANDOVER_START },
    { code: HANDOVER_CLOSE, labelKey: 'handover.cmd.close', text: HANDOVER_CLOSE },
    { code: HANDOVER_EXIT, labelKey: 'handover.cmd.exit', text: HANDOVER_EXIT },
    ...Object.entries(names).map(([carrier, name]) => ({ code: carrierCode(carrier), labelKey: null, text: name })),
    ...Object.entries(config.handover.couriers).map(([badge, carrier]) => ({
      code: badge,
      labelKey: null,
      text: `${names[carrier] ?? carrier} · ${badge}`,
    })),
  ];
}
