// Core events to every subscriber (UI transports, the sim operator, tests).
import type { CoreEventName, CoreEvents } from '../../contract/api.js';
import type { CoreListener } from './types.js';

export class CoreEventBus {
  private readonly listeners = new Set<CoreListener>();

  subscribe(listener: CoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void): () => void {
    return this.subscribe((name, payload) => {
      if (name === event) listener(payload as CoreEvents[E]);
    });
  }

  emit<E extends CoreEventName>(event: E, payload: CoreEvents[E]): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // A broken subscriber (a closed socket) must not stop the desk or other subscribers.
      }
    }
  }
}
