// The station's `handover` config section: courier badges and where the 交接单 prints.
import { z } from 'zod';

export const handoverStationConfig = z
  .object({
    /**
     * Courier badge codes → carrier: scanning a courier's badge in handover mode starts the batch
     * for that carrier, e.g. { "SF-KD-0381": "SF" }.
     */
    couriers: z
      .record(
        z.string().regex(/^[A-Za-z0-9-]{2,64}$/, 'a badge code of 2–64 letters, digits or -'),
        z.string().regex(/^[A-Z0-9]{1,32}$/, 'a carrier code such as SF or ZTO'),
      )
      .default({}),
    /**
     * slip: the ESC/POS slip printer (packing.slip.interface); label: the label printer. Absent: the
     * slip printer when packing slips are on, else the label printer (no extra device to set up).
     */
    printer: z.enum(['slip', 'label']).optional(),
    /** Heading printed on top of the 交接单. */
    title: z.string().min(1).max(32).default('快递交接单'),
  })
  .strict()
  .prefault({});

export type HandoverStationConfig = z.output<typeof handoverStationConfig>;

/** Where the 交接单 prints for this config (see `printer`). */
export function handoverPrinterOf(config: {
  handover: HandoverStationConfig;
  packing: { slip: { enabled: boolean } };
}): 'slip' | 'label' {
  return config.handover.printer ?? (config.packing.slip.enabled ? 'slip' : 'label');
}
