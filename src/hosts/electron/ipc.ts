// The Electron transport of the core contract: one invoke channel for requests, one send channel
// for events. This is the security boundary (the preload's checks are only a first filter): any
// frame that can reach ipcRenderer, including an iframe or a page that got navigated somewhere,
// can call this handler, so the sender's URL and the method name are checked here.
// https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { isCoreMethod } from '../../contract/api/methods.js';
import { toEnvelope } from '../../contract/api/errors.js';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, type BridgeResult } from '../../contract/api/wire.js';
import type { StationCore } from '../../main/core/types.js';
import { isAppUrl, type AppOrigin } from './window.js';

export type CoreIpcMain = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type EventReceiver = Pick<WebContents, 'send' | 'isDestroyed'>;

function refused(code: 'bad_request' | 'unknown_method', message: string): BridgeResult {
  return { ok: false, error: { code, message, retryable: false } };
}

/** Answers one request. Never throws: an error crossing IPC would lose its code and retryable flag. */
export async function handleCoreRequest(
  core: Pick<StationCore, 'dispatch'>,
  origin: AppOrigin,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  method: unknown,
  args: unknown,
): Promise<BridgeResult> {
  // senderFrame is null when the frame navigated or was destroyed before the message arrived.
  const url = event.senderFrame?.url;
  if (url === undefined || !isAppUrl(url, origin)) {
    return refused('bad_request', 'request refused: sender is not the Packdesk renderer');
  }
  if (!isCoreMethod(method)) return refused('unknown_method', `unknown method: ${String(method)}`);
  try {
    return { ok: true, result: await core.dispatch(method, args) };
  } catch (err) {
    return { ok: false, error: toEnvelope(err) };
  }
}

/**
 * Serves core requests on IPC_REQUEST_CHANNEL and pushes core events to every live webContents
 * that getWebContents returns. Returns a disposer that undoes both.
 */
export function registerCoreIpc(
  ipcMain: CoreIpcMain,
  core: Pick<StationCore, 'dispatch' | 'subscribe'>,
  getWebContents: () => Iterable<EventReceiver>,
  origin: AppOrigin,
): () => void {
  ipcMain.handle(IPC_REQUEST_CHANNEL, (event, method: unknown, args: unknown) =>
    handleCoreRequest(core, origin, event, method, args),
  );

  const unsubscribe = core.subscribe((name, payload) => {
    for (const contents of getWebContents()) {
      if (contents.isDestroyed()) continue;
      try {
        contents.send(IPC_EVENT_CHANNEL, name, payload);
      } catch {
        // A window closing between isDestroyed() and send() throws "Object has been destroyed".
        // Nothing to deliver to; and a throw here would break the core's own event loop.
      }
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
    unsubscribe();
  };
}
