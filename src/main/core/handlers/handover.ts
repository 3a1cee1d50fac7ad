// The supervisor view's cut-off countdown: today's 揽收截止 per carrier from the hub, read with this
// station's token. No hub, or a hub out of reach, is an answer the view shows, never an error.
import type { HandoverCutoffsResult } from '../../../contract/api.js';
import { SyncError } from '../../sync/http.js';
import type { Handlers } from '../dispatcher.js';
import type { StationServices } from '../services.js';

export function handoverHandlers(s: StationServices, log: (line: string) => void): Pick<Handlers, 'handover.cutoffs'> {
  return {
    'handover.cutoffs': async (): Promise<HandoverCutoffsResult> => {
      const hub = s.hubHandover;
      if (!hub) return { ok: false, reason: 'no_hub', message: '' };
      try {
        return { ok: true, cutoffs: await hub.cutoffs() };
      } catch (err) {
        if (!(err instanceof SyncError)) throw err;
        log(`handover cut-offs: the hub is out of reach (${err.reason}: ${err.message})`);
        return { ok: false, reason: 'unreachable', message: err.message };
      }
    },
  };
}
