// The supervisor view's stock board: the hub's board, alerts and movements, read with this station's
// token. No hub, or a hub out of reach, is an answer the view shows ("hub unreachable"), never an
// error: the desk's own stock work (receiving, counts, returns) goes on through the outbox.
import type { StockUnavailable } from '../../../contract/api.js';
import { SyncError } from '../../sync/http.js';
import type { HubStock } from '../../sync/stock-reads.js';
import type { Handlers } from '../dispatcher.js';
import type { StationServices } from '../services.js';

async function fromHub<T>(
  s: StationServices,
  log: (line: string) => void,
  ask: (hub: HubStock) => Promise<T>,
): Promise<T | StockUnavailable> {
  const hub = s.hubStock;
  if (!hub) return { ok: false, reason: 'no_hub', message: '' };
  try {
    return await ask(hub);
  } catch (err) {
    if (!(err instanceof SyncError)) throw err;
    log(`stock board: the hub is out of reach (${err.reason}: ${err.message})`);
    return { ok: false, reason: 'unreachable', message: err.message };
  }
}

export function stockHandlers(
  s: StationServices,
  log: (line: string) => void,
): Pick<Handlers, 'stock.board' | 'stock.movements'> {
  return {
    'stock.board': ({ channel }) =>
      fromHub(s, log, async (hub) => {
        const [board, alerts] = await Promise.all([hub.board(channel ?? null), hub.alerts()]);
        return { ok: true as const, board, alerts };
      }),
    'stock.movements': (filter) =>
      fromHub(s, log, async (hub) => ({ ok: true as const, ...(await hub.movements(filter)) })),
  };
}
