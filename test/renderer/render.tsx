// Renders the app around a hand-made snapshot with a scripted CoreClient.
import { render } from '@testing-library/react';
import type { CoreApi, CoreMethod } from '../../src/shared/api.js';
import type { StationSnapshot } from '../../src/shared/station.js';
import { App } from '../../src/renderer/App.js';
import type { CoreClient } from '../../src/renderer/client/types.js';
import { CoreClientError } from '../../src/renderer/client/types.js';
import { createI18n } from '../../src/renderer/i18n/index.js';
import type { SoundPlayer } from '../../src/renderer/sound.js';
import { createAppStore, type Locale } from '../../src/renderer/store.js';

type Handlers = { [K in CoreMethod]?: (args: CoreApi[K]['args']) => CoreApi[K]['result'] | Promise<CoreApi[K]['result']> };

export function scriptedClient(handlers: Handlers = {}) {
  const calls: { method: string; args: unknown }[] = [];
  const client: CoreClient = {
    async request(method, args) {
      calls.push({ method, args });
      const h = handlers[method] as ((a: unknown) => unknown) | undefined;
      if (!h) throw new CoreClientError({ code: 'unknown_method', message: `no handler for ${method}`, retryable: false });
      return (await h(args)) as never;
    },
    on: () => () => {},
    onConnection(listener) {
      listener('open');
      return () => {};
    },
  };
  return { client, calls };
}

export function renderApp(snapshot: StationSnapshot | null, opts: { handlers?: Handlers; locale?: Locale } = {}) {
  const store = createAppStore({ snapshot, locale: opts.locale });
  store.getState().setConnection('open');
  const { client, calls } = scriptedClient(opts.handlers);
  const played: string[] = [];
  const sound: SoundPlayer = { play: (s) => played.push(s), unlock: () => {} };
  const i18n = createI18n(opts.locale);
  const utils = render(<App services={{ store, client, sound, i18n }} />);
  return { ...utils, store, calls, played, i18n };
}
