// The hub's `handover` config section: 揽收截止 (the courier's last collection) per carrier, in China time.
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM in China time, e.g. "17:30"');

export const handoverConfig = z
  .object({
    /** Carrier code → its daily cut-off, e.g. { "SF": "18:00", "ZTO": "17:00" }. */
    cutoffs: z.record(z.string().regex(/^[A-Z0-9]{1,32}$/, 'a carrier code such as SF or ZTO'), hhmm).default({}),
    /** The supervisor view warns this many minutes before a cut-off while parcels still wait. */
    warnBeforeMin: z.number().int().min(0).max(720).default(60),
  })
  .strict()
  .prefault({});

export type HandoverConfig = z.output<typeof handoverConfig>;
