// Movements history with filters (SKU, kind, dates), older pages on demand, and a CSV of what is
// listed. Read through the station core (stock.movements); a hub out of reach says so here.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockMovementsResult } from '../../../../contract/api.js';
import { STOCK_MOVEMENT_KINDS, type StockMovement, type StockMovementKind } from '../../../../contract/stock-ledger.js';
import { movementsCsv } from '../../../../domain/stock/board-csv.js';
import { envelopeOf } from '../../../client/types.js';
import { useServices } from '../../../context.js';
import { downloadCsv } from '../../supervisor/download.js';

interface Filter {
  sku: string;
  kind: StockMovementKind | '';
  from: string;
  to: string;
}

const DAY = 86_400_000;

/** A yyyy-mm-dd input as the start of that day in the browser's zone; `to` is the day after it. */
function dayMs(value: string, end: boolean): number | undefined {
  if (!value) return undefined;
  const ms = new Date(`${value}T00:00:00`).getTime();
  return Number.isNaN(ms) ? undefined : end ? ms + DAY : ms;
}

function request(f: Filter, before?: number) {
  return {
    ...(f.sku.trim() ? { sku: f.sku.trim() } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(dayMs(f.from, false) !== undefined ? { from: dayMs(f.from, false) } : {}),
    ...(dayMs(f.to, true) !== undefined ? { to: dayMs(f.to, true) } : {}),
    ...(before !== undefined ? { before } : {}),
    limit: 200,
  };
}

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; items: StockMovement[]; next: number | null }
  | { kind: 'unavailable'; message: string };

export function Movements({ formatTime }: { formatTime: (ms: number) => string }) {
  const { t } = useTranslation();
  const { client } = useServices();
  const [filter, setFilter] = useState<Filter>({ sku: '', kind: '', from: '', to: '' });
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(
    (f: Filter, more?: { items: StockMovement[]; before: number }) => {
      if (!more) setState({ kind: 'loading' });
      client.request('stock.movements', request(f, more?.before)).then(
        (r: StockMovementsResult) =>
          setState(
            r.ok
              ? { kind: 'ready', items: [...(more?.items ?? []), ...r.items], next: r.next }
              : {
                  kind: 'unavailable',
                  message: t(r.reason === 'no_hub' ? 'stock.board.noHub' : 'stock.board.unreachable'),
                },
          ),
        (err: unknown) => setState({ kind: 'unavailable', message: envelopeOf(err).message }),
      );
    },
    [client, t],
  );
  useEffect(() => load({ sku: '', kind: '', from: '', to: '' }), [load]);

  const set = (k: keyof Filter) => (e: { target: { value: string } }) => setFilter({ ...filter, [k]: e.target.value });
  return (
    <section className="supervisor-section" data-testid="stock-movements">
      <h2>{t('stock.board.movements')}</h2>
      <form
        className="stock-board-filters"
        onSubmit={(e) => {
          e.preventDefault();
          load(filter);
        }}
      >
        <label>
          {t('stock.board.filter.sku')} <input data-testid="movements-sku" value={filter.sku} onChange={set('sku')} />
        </label>
        <label>
          {t('stock.board.filter.kind')}{' '}
          <select data-testid="movements-kind" value={filter.kind} onChange={set('kind')}>
            <option value="">{t('stock.board.filter.all')}</option>
            {STOCK_MOVEMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`stock.board.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('stock.board.filter.from')} <input type="date" value={filter.from} onChange={set('from')} />
        </label>
        <label>
          {t('stock.board.filter.to')} <input type="date" value={filter.to} onChange={set('to')} />
        </label>
        <button type="submit" data-testid="movements-apply">
          {t('stock.board.filter.apply')}
        </button>
        <button
          type="button"
          data-testid="movements-export"
          disabled={state.kind !== 'ready'}
          onClick={() => state.kind === 'ready' && downloadCsv('stock-movements.csv', movementsCsv(state.items))}
        >
          {t('stock.board.export')}
        </button>
      </form>
      {state.kind === 'loading' ? <p className="muted">{t('stock.board.loading')}</p> : null}
      {state.kind === 'unavailable' ? (
        <p className="stock-unreachable" role="status">
          {state.message}
        </p>
      ) : null}
      {state.kind === 'ready' ? (
        state.items.length === 0 ? (
          <p className="muted">{t('stock.board.noMovements')}</p>
        ) : (
          <>
            <table data-testid="movements-table">
              <thead>
                <tr>
                  {(['at', 'sku', 'kind', 'qty', 'location', 'channel', 'ref', 'by'] as const).map((c) => (
                    <th key={c}>{t(`stock.board.mcol.${c}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {state.items.map((m) => (
                  <tr key={m.id} data-kind={m.kind} data-sku={m.sku} data-qty={m.qty}>
                    <td>{formatTime(m.at)}</td>
                    <td>{m.sku}</td>
                    <td>{t(`stock.board.kind.${m.kind}`)}</td>
                    <td className="num">{m.qty > 0 ? `+${m.qty}` : m.qty}</td>
                    <td>{m.location}</td>
                    <td>{m.channel ?? ''}</td>
                    <td>{m.orderId ?? m.ref ?? ''}</td>
                    <td>{m.by ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {state.next !== null ? (
              <button
                type="button"
                onClick={() => state.next !== null && load(filter, { items: state.items, before: state.next })}
              >
                {t('stock.board.more')}
              </button>
            ) : null}
          </>
        )
      ) : null}
    </section>
  );
}
