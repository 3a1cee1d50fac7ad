// Renderer entry. The transport is chosen here, once and explicitly: the Electron preload bridge
// when present, otherwise a WebSocket to the browser-mode host that served this page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BRIDGE_GLOBAL, type PackdeskBridge } from '../contract/api/wire.js';
import { App } from './App.js';
import { createIpcClient } from './client/ipc.js';
import type { CoreClient } from './client/types.js';
import { createWsClient } from './client/ws.js';
import { createI18n, loadLocale } from './i18n/index.js';
import { createSoundPlayer } from './sound.js';
import { createAppStore } from './store.js';
import { bindClient } from './wiring.js';
import './styles.css';

function createClient(): CoreClient {
  const bridge = (window as unknown as Record<string, PackdeskBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge) return createIpcClient(bridge);
  // The host writes a per-start session secret into the page it serves (hosts/station/ui-guard.ts);
  // the socket is refused without it.
  const session = document.querySelector<HTMLMetaElement>('meta[name="packdesk-session"]')?.content ?? '';
  return createWsClient(`ws://${window.location.host}/ws?session=${encodeURIComponent(session)}`);
}

const locale = loadLocale();
const store = createAppStore({ locale });
const client = createClient();
const sound = createSoundPlayer();
const i18n = createI18n(locale);
bindClient(client, store, sound);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App services={{ store, client, sound, i18n }} />
  </StrictMode>,
);
