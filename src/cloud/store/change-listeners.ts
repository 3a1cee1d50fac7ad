// The listeners a hub store tells after a committed unit of work (HubStore.onFeed / onStock), kept
// the same way by both stores.
export class ChangeListeners<A extends unknown[] = []> {
  private readonly listeners = new Set<(...args: A) => void>();

  /** Adds the listener; returns what removes it. */
  add(listener: (...args: A) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  tell(...args: A): void {
    for (const l of this.listeners) l(...args);
  }
}
