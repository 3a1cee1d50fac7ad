// Config sections for what goes in the box besides the items: inserts (赠品/插页) and the packing
// slip (发货单). Kept beside schema.ts so that file stays a table of sections.
import { z } from 'zod';
import { CHANNELS } from '../../contract/entities.js';
import { BARCODE_PATTERN } from '../../contract/sync.js';
import { InterfaceError, parsePrinterInterface } from '../../hardware/transport/interface.js';

/**
 * One insert rule (src/domain/packing/inserts.ts). The station decides inserts itself, offline, from
 * this table: every condition given must hold; a rule without conditions matches every order.
 */
export const insertRuleConfig = z
  .object({
    id: z.string().regex(/^[A-Z0-9-]{2,24}$/, 'a code of 2–24 A–Z, 0–9 or - (GIFT-CARD)'),
    title: z.string().min(1).max(64),
    /** Scanned to confirm it; without one the packer scans CMD-OK. */
    barcode: z.string().regex(BARCODE_PATTERN, 'a barcode of up to 64 characters without spaces').optional(),
    skus: z.array(z.string().min(1).max(64)).min(1).optional(),
    minValueFen: z.number().int().min(0).optional(),
    channels: z.array(z.enum(CHANNELS)).min(1).optional(),
    weightG: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();

export const insertsConfig = z
  .array(insertRuleConfig)
  .max(50)
  .default([])
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `an id no other insert has, got "${r.id}" twice` });
      seen.add(r.id);
    });
  });

/** The packing slip printed when a pack completes (src/main/core/slips). Off unless enabled. */
export const slipConfig = z
  .object({
    enabled: z.boolean().default(false),
    /** escpos: a receipt printer (paperWidthMm); pdf: A4 pages for an office printer that prints PDF. */
    language: z.enum(['escpos', 'pdf']).default('escpos'),
    /** The slip printer: sim | tcp://host:9100 | /dev/usb/lp0 | serial:… */
    interface: z
      .string()
      .default('sim')
      .superRefine((value, ctx) => {
        try {
          parsePrinterInterface(value);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: err instanceof InterfaceError ? err.message : String(err) });
        }
      }),
    paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
    /** Heading printed on top; the station name follows it. */
    title: z.string().min(1).max(32).default('发货单'),
  })
  .strict()
  .prefault({});

export type SlipConfig = z.output<typeof slipConfig>;
