// The statistics settings of a station or the hub config: what counts as idle, the shifts, and
// when the supervisor is alerted.
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 08:00');

export const statsConfigObject = z
  .object({
    /** A gap longer than this between a packer's events is idle time. */
    idleGapMinutes: z.number().min(0.5).max(240).default(5),
    /**
     * Rates per hour (units/h, orders/h) show only after this much active (or shift) time: two
     * minutes of work make no "1040 件/h" (issue 12 §6). 0 shows every rate.
     */
    minActiveMinutes: z.number().min(0).max(480).default(15),
    /** Shifts in station-local time; a shift whose end is not after its start runs past midnight. */
    shifts: z.array(z.object({ name: z.string().min(1), start: hhmm, end: hhmm }).strict()).default([
      { name: '早班', start: '08:00', end: '16:00' },
      { name: '晚班', start: '16:00', end: '00:00' },
    ]),
    alerts: z
      .object({
        offlineMinutes: z.number().min(1).max(1440).default(5),
        /** Scan error rate over the last hour (0.02 = 2 %). */
        errorRate: z.number().min(0).max(1).default(0.02),
        labelPending: z.number().int().min(1).max(100_000).default(10),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export const statsConfigSchema = statsConfigObject.prefault({});
export type StatsConfig = z.output<typeof statsConfigObject>;
