// The sandboxed preload: the only code in the renderer's process that can reach Electron IPC.
// It exposes exactly `request` and `onEvent` (PackdeskBridge) under `window.packdesk`, and both
// check names against the contract before anything crosses IPC, so a compromised page cannot use
// the bridge as a generic ipcRenderer. Main checks again (src/hosts/electron/ipc.ts): the preload is
// a convenience filter, main is the boundary.
//
// A sandboxed preload can only `require('electron')` (and a few polyfilled builtins), never a
// local file, so this file is bundled into one CommonJS file by vite.preload.config.ts. Keep its
// imports to dependency-free shared modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CORE_EVENTS, isCoreMethod } from '../../contract/api/methods.js';
import {
  BRIDGE_GLOBAL,
  IPC_EVENT_CHANNEL,
  IPC_REQUEST_CHANNEL,
  type BridgeResult,
  type PackdeskBridge,
} from '../../contract/api/wire.js';

/** The part of ipcRenderer the bridge uses; tests pass a fake. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  // `any[]` mirrors Electron's own listener type, so ipcRenderer itself satisfies this interface.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  removeListener(channel: string, listener: (...args: any[]) => void): unknown;
}

function isCoreEvent(name: unknown): boolean {
  return typeof name === 'string' && (CORE_EVENTS as readonly string[]).includes(name);
}

export function createBridge(ipc: BridgeIpc): PackdeskBridge {
  return {
    async request(method: string, args: unknown): Promise<BridgeResult> {
      if (!isCoreMethod(method)) {
        return {
          ok: false,
          error: { code: 'unknown_method', message: `unknown method: ${method}`, retryable: false },
        };
      }
      try {
        return (await ipc.invoke(IPC_REQUEST_CHANNEL, method, args)) as BridgeResult;
      } catch (err) {
        // Main's handler never throws (it answers with an envelope), so a rejection here means the
        // IPC itself failed, e.g. a request sent before main registered its handler at start-up.
        const message = err instanceof Error ? err.message : String(err);
        return { ok: false, error: { code: 'transport', message, retryable: true } };
      }
    },

    onEvent(listener: (event: string, payload: unknown) => void): () => void {
      // The IpcRendererEvent carries `sender` (the ipcRenderer itself); handing it to the page
      // would give the page raw IPC, which is exactly what contextIsolation is there to prevent.
      const handler = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
        if (isCoreEvent(name)) listener(name as string, payload);
      };
      ipc.on(IPC_EVENT_CHANNEL, handler);
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, handler);
      };
    },
  };
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer));
