// The supervisor view's cut-off countdown (揽收截止): the station core asks the hub with its station
// token. A hub out of reach is an answer, not an error: the view says so and stays up.
import { z } from 'zod';
import type { HandoverCutoffs } from '../handover-wire.js';

export const handoverRequestSchemas = {
  'handover.cutoffs': z.object({}).strict(),
};

export type HandoverCutoffsResult =
  { ok: true; cutoffs: HandoverCutoffs } | { ok: false; reason: 'no_hub' | 'unreachable'; message: string };
