// The stock board in the supervisor view (issue 13 §4): the hub's board per SKU and channel, its
// stock alerts and the movements history, read through this station's core. A hub out of reach
// is a clear line on screen (the desk's stock work goes on offline), never a crash.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockBoardResult } from '../../../../contract/api.js';
import { boardCsv } from '../../../../domain/stock/board-csv.js';
import { envelopeOf } from '../../../client/types.js';
import { useServices } from '../../../context.js';
import { downloadCsv } from '../../supervisor/download.js';
import { BoardTable } from './BoardTable.js';
import { Movements } from './Movements.js';
import { StockAlerts } from './StockAlerts.js';
import '../../../stock.css';

/** How often the board refreshes itself while on screen. */
export const BOARD_REFRESH_MS = 30_000;

type State = { kind: 'loading' } | { kind: 'done'; result: StockBoardResult } | { kind: 'error'; message: string };

/** Month, day and time in the station's zone, in the UI's language. */
function timeFormatter(lang: string, timeZone: string): (ms: number) => string {
  const f = new Intl.DateTimeFormat(lang, {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (ms) => f.format(ms);
}

export function StockBoard({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const formatTime = timeFormatter(i18n.language, timeZone);
  const { client } = useServices();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(() => {
    client.request('stock.board', {}).then(
      (result) => setState({ kind: 'done', result }),
      (err: unknown) => setState({ kind: 'error', message: envelopeOf(err).message }),
    );
  }, [client]);
  useEffect(() => {
    load();
    const timer = setInterval(load, BOARD_REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const result = state.kind === 'done' ? state.result : null;
  return (
    <main className="supervisor-main stock-board" data-testid="stock-board">
      <div className="supervisor-toolbar">
        <h2>{t('stock.board.title')}</h2>
        <button type="button" data-testid="stock-board-refresh" onClick={load}>
          {t('stock.board.refresh')}
        </button>
        {result?.ok ? (
          <>
            <span className="muted">{t('stock.board.at', { time: formatTime(result.board.at) })}</span>
            <button
              type="button"
              data-testid="stock-board-export"
              onClick={() => downloadCsv('stock-board.csv', boardCsv(result.board))}
            >
              {t('stock.board.export')}
            </button>
          </>
        ) : null}
      </div>
      {state.kind === 'loading' ? <p className="waiting">{t('stock.board.loading')}</p> : null}
      {state.kind === 'error' ? (
        <p className="stock-unreachable" role="alert" data-testid="stock-board-unreachable">
          {t('stock.board.unreachable')} ({state.message})
        </p>
      ) : null}
      {result && !result.ok ? (
        <p
          className="stock-unreachable"
          role="status"
          data-testid="stock-board-unreachable"
          data-reason={result.reason}
        >
          {t(result.reason === 'no_hub' ? 'stock.board.noHub' : 'stock.board.unreachable')}
        </p>
      ) : null}
      {result?.ok ? (
        <>
          <StockAlerts alerts={result.alerts} formatTime={formatTime} />
          <section className="supervisor-section">
            <BoardTable items={result.board.items} />
          </section>
        </>
      ) : null}
      {result?.ok ? <Movements formatTime={formatTime} /> : null}
    </main>
  );
}
