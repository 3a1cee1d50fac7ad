// What every host (Electron main, browser-mode server, tests) gets from the composition root.
import type { Clock } from '../../base/clock.js';
import type { CoreApi, CoreEventName, CoreEvents, CoreMethod } from '../../contract/api.js';

export type CoreListener = (event: CoreEventName, payload: unknown) => void;

export interface StationCore {
  /** Validates args against the contract, runs the handler; throws CoreFault (see toEnvelope). */
  dispatch(method: string, args: unknown): Promise<unknown>;
  /** Typed convenience for in-process callers (tests, hosts). */
  call<K extends CoreMethod>(method: K, args: CoreApi[K]['args']): Promise<CoreApi[K]['result']>;
  subscribe(listener: CoreListener): () => void;
  on<E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void): () => void;
}

export type { Clock, Timer } from '../../base/clock.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};
