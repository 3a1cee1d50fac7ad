// Renders the app around a hand-made snapshot with a scripted CoreClient.
import { render } from '@testing-library/react';
import type { CoreApi, CoreEvents, CoreMethod } from '../../src/contract/api.js';
import type { StationSnapshot } from '../../src/contract/station.js';
import { App } from '../../src/renderer/App.js';
import type { CoreClient } from '../../src/renderer/client/types.js';
import { CoreClientError, EventHub, type ConnectionState } from '../../src/renderer/client/types.js';
import { createI18n } from '../../src/renderer/i18n/index.js';
import type { SoundPlayer } from '../../src/renderer/sound.js';
import { createAppStore, type Locale } from '../../src/renderer/store.js';

type Handlers = {
  [K in CoreMethod]?: (args: CoreApi[K]['args']) => CoreApi[K]['result'] | Promise<CoreApi[K]['result']>;
};

export function scriptedClient(handlers: Handlers = {}) {
  const calls: { method: string; args: unknown }[] = [];
  const hub = new EventHub();
  const client: CoreClient = {
    async request(method, args) {
      calls.push({ method, args });
      const h = handlers[method] as ((a: unknown) => unknown) | undefined;
      if (!h)
        throw new CoreClientError({ code: 'unknown_method', message: `no handler for ${method}`, retryable: false });
      return (await h(args)) as never;
    },
    on: (event, listener) => hub.add(event, listener as (payload: unknown) => void),
    onConnection(listener) {
      listener('open');
      return () => {};
    },
  };
  /** Pushes a core event to whoever subscribed (wrap in act() when it re-renders). */
  const emit = <E extends keyof CoreEvents>(event: E, payload: CoreEvents[E]) => hub.emit(event, payload);
  return { client, calls, emit };
}

/** A speaker that records what it played and whose audio starts locked or unlocked. */
export function fakeSound(unlocked = true) {
  const played: string[] = [];
  const listeners = new Set<() => void>();
  let isUnlocked = unlocked;
  let unlockCalls = 0;
  const sound: SoundPlayer = {
    play: (s) => played.push(s),
    unlock: () => {
      unlockCalls++;
      if (isUnlocked) return;
      isUnlocked = true;
      for (const l of [...listeners]) l();
      listeners.clear();
    },
    unlocked: () => isUnlocked,
    onUnlock: (l) => {
      if (isUnlocked) {
        l();
        return () => {};
      }
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
  };
  return { sound, played, unlockCalls: () => unlockCalls };
}

export function renderApp(
  snapshot: StationSnapshot | null,
  opts: { handlers?: Handlers; locale?: Locale; soundUnlocked?: boolean; connection?: ConnectionState } = {},
) {
  const store = createAppStore({ snapshot, locale: opts.locale });
  store.getState().setConnection(opts.connection ?? 'open');
  const { client, calls, emit } = scriptedClient(opts.handlers);
  const { sound, played, unlockCalls } = fakeSound(opts.soundUnlocked ?? true);
  const i18n = createI18n(opts.locale);
  const utils = render(<App services={{ store, client, sound, i18n }} />);
  return { ...utils, store, calls, played, emit, unlockCalls, i18n };
}
