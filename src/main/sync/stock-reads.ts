// The hub's stock reads for the supervisor's stock board, with this station's token: the board
// (GET /v1/stock/board), the alerts (GET /v1/stock/alerts) and the movements (GET /v1/stock/movements).
// Every answer is parsed with its contract schema; a bad one is a SyncError like any other.
import type { z } from 'zod';
import { stockBoardResponse, type StockBoard } from '../../contract/stock-board.js';
import {
  stockAlertsResponse,
  stockMovementsResponse,
  type StockAlert,
  type StockMovement,
  type StockMovementKind,
} from '../../contract/stock-ledger.js';
import { SyncError } from './http.js';

export interface StockMovementFilter {
  sku?: string;
  kind?: StockMovementKind;
  from?: number;
  to?: number;
  before?: number;
  limit?: number;
}

export interface HubStock {
  board(channel: string | null): Promise<StockBoard>;
  alerts(): Promise<StockAlert[]>;
  movements(filter: StockMovementFilter): Promise<{ items: StockMovement[]; next: number | null }>;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function parse<T>(path: string, schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SyncError(
    'bad_response',
    `${path}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid body'}`,
  );
}

/** `read` GETs a hub path (with its query) through the sync engine's current client. */
export function hubStockReads(read: (pathAndQuery: string) => Promise<unknown>): HubStock {
  return {
    async board(channel) {
      const path = '/v1/stock/board';
      return parse(path, stockBoardResponse, await read(path + query({ channel })));
    },
    async alerts() {
      const path = '/v1/stock/alerts';
      return parse(path, stockAlertsResponse, await read(path)).items;
    },
    async movements(filter) {
      const path = '/v1/stock/movements';
      return parse(path, stockMovementsResponse, await read(path + query({ ...filter })));
    },
  };
}
