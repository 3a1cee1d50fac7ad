// The station's `stock` config section: where its receiving and returns put units when the packer
// scans no location label (a receipt against a PO only, every return).
import { z } from 'zod';

export const stockStationConfig = z
  .object({
    /**
     * Location code (as on its LOC- label, without the prefix). Absent: receipts go to MAIN and
     * returns to the hub's own stock.location.
     */
    location: z
      .string()
      .regex(/^[A-Z0-9._-]{1,32}$/, 'a location code of 1–32 A–Z, 0–9, ".", "_" or "-" (as on its LOC- label)')
      .optional(),
  })
  .strict()
  .prefault({});

export type StockStationConfig = z.output<typeof stockStationConfig>;
