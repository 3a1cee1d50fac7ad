// The stock board tab of the supervisor view (#/supervisor/stock): the board per SKU and channel,
// the hub's stock alerts, movements with filters, CSV export, and a clear "hub unreachable" state.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreApi } from '../../src/contract/api.js';
import type { StockBoard } from '../../src/contract/stock-board.js';
import type { StockMovement } from '../../src/contract/stock-ledger.js';
import { boardCsv, movementsCsv } from '../../src/domain/stock/board-csv.js';
import { snapshot } from './fixtures.js';
import { renderApp } from './render.js';
import { DAY_FROM, DAY_TO, supervisorView } from './supervisor-fixtures.js';

const AT = Date.UTC(2026, 10, 25, 2, 30);

const BOARD: StockBoard = {
  at: AT,
  items: [
    {
      sku: 'SKU-TEE',
      name: '纯棉T恤',
      onHand: 60,
      reserved: 10,
      available: 50,
      channels: [
        { channel: 'shop1', allocated: 28, published: 26, publishedAt: AT },
        { channel: 'mini1', allocated: 19, published: null, publishedAt: null },
      ],
      velocityPerDay: 20,
      daysOfCover: 2.5,
      low: true,
      short: 0,
    },
    {
      sku: 'SKU-VASE',
      name: '=HYPERLINK("x")',
      onHand: 0,
      reserved: 2,
      available: -2,
      channels: [],
      velocityPerDay: 0,
      daysOfCover: null,
      low: false,
      short: 2,
    },
  ],
};

const movement = (over: Partial<StockMovement>): StockMovement => ({
  seq: 1,
  id: 'M1',
  key: 'E1:0',
  sku: 'SKU-TEE',
  location: 'A-01',
  pool: 'shared',
  kind: 'receipt',
  qty: 60,
  channel: null,
  orderId: null,
  ref: 'PO-7',
  at: AT,
  by: 'P01',
  ...over,
});

type MovementArgs = CoreApi['stock.movements']['args'];

type Handlers = NonNullable<NonNullable<Parameters<typeof renderApp>[1]>['handlers']>;

function open(handlers: Handlers = {}) {
  window.location.hash = '#/supervisor/stock';
  return renderApp(snapshot(), {
    handlers: {
      'supervisor.view': () => supervisorView({ from: DAY_FROM, to: DAY_TO }),
      'stock.board': () => ({
        ok: true,
        board: BOARD,
        alerts: [{ kind: 'short', sku: 'SKU-VASE', detail: '2 units short', at: AT, orderIds: ['SO9'] }],
      }),
      'stock.movements': (a: MovementArgs) => ({
        ok: true,
        items: a.before ? [movement({ seq: 1, id: 'M0', kind: 'adjust', qty: -1 })] : [movement({ seq: 2 })],
        next: a.before ? null : 1,
      }),
      ...handlers,
    },
  });
}

beforeEach(() => {
  window.location.hash = '';
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  window.location.hash = '';
});

describe('stock board', () => {
  it('shows per SKU and channel the water level, cover, low and short, and the alerts', async () => {
    open();
    const tee = await screen.findByTestId('board-SKU-TEE-shop1');
    expect(tee.dataset).toMatchObject({ available: '50', allocated: '28', published: '26' });
    expect(tee.textContent).toContain('低库存');
    expect(tee.textContent).toContain('2.5');
    expect(screen.getByTestId('board-SKU-TEE-mini1').dataset.published).toBe('');
    expect(screen.getByTestId('board-SKU-VASE').textContent).toContain('缺 2 件');
    const alerts = screen.getByTestId('stock-alerts');
    expect(alerts.textContent).toContain('缺货订单');
    expect(alerts.textContent).toContain('SO9');
    expect(screen.getByTestId('supervisor-tab-stock').getAttribute('aria-selected')).toBe('true');
  });

  it('filters movements by SKU and kind and pages back', async () => {
    const { calls } = open();
    const table = await screen.findByTestId('movements-table');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    fireEvent.change(screen.getByTestId('movements-sku'), { target: { value: ' SKU-TEE ' } });
    fireEvent.change(screen.getByTestId('movements-kind'), { target: { value: 'receipt' } });
    fireEvent.click(screen.getByTestId('movements-apply'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'stock.movements')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'stock.movements').map((c) => c.args)).toEqual([
      { limit: 200 },
      { sku: 'SKU-TEE', kind: 'receipt', limit: 200 },
    ]);
    fireEvent.click(await screen.findByText('更早的记录'));
    await waitFor(() => expect(within(screen.getByTestId('movements-table')).getAllByRole('row')).toHaveLength(3));
    expect(calls.at(-1)?.args).toEqual({ sku: 'SKU-TEE', kind: 'receipt', before: 1, limit: 200 });
  });

  it('exports the board as CSV through the shared download', async () => {
    const created: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((b: Blob) => {
        created.push(b);
        return 'blob:stock/1';
      }),
      revokeObjectURL: vi.fn(),
    });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    open();
    fireEvent.click(await screen.findByTestId('stock-board-export'));
    expect(clicked).toEqual(['stock-board.csv']);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await created[0]!.arrayBuffer());
    expect(text).toBe('\uFEFF' + boardCsv(BOARD));
  });

  it('says the hub is unreachable instead of failing', async () => {
    open({ 'stock.board': () => ({ ok: false, reason: 'unreachable', message: 'GET /v1/stock/board: timeout' }) });
    const line = await screen.findByTestId('stock-board-unreachable');
    expect(line.textContent).toContain('无法连接总部服务器');
    expect(line.dataset.reason).toBe('unreachable');
    expect(screen.queryByTestId('stock-board-table')).toBeNull();
    expect(screen.getByTestId('supervisor-view')).toBeTruthy();
  });

  it('the figures tab is still the default view', async () => {
    window.location.hash = '#/supervisor';
    renderApp(snapshot(), { handlers: { 'supervisor.view': () => supervisorView({ from: DAY_FROM, to: DAY_TO }) } });
    await screen.findByTestId('tile-S1');
    expect(screen.queryByTestId('stock-board')).toBeNull();
  });
});

describe('stock CSV', () => {
  it('one row per SKU and channel; text cells cannot run as formulas', () => {
    expect(boardCsv(BOARD).split('\r\n')).toEqual([
      'sku,name,on_hand,reserved,available,channel,allocated,published,published_at,velocity_per_day,days_of_cover,low,short',
      'SKU-TEE,纯棉T恤,60,10,50,shop1,28,26,2026-11-25T02:30:00.000Z,20,2.5,true,0',
      'SKU-TEE,纯棉T恤,60,10,50,mini1,19,,,20,2.5,true,0',
      `SKU-VASE,"'=HYPERLINK(""x"")",0,2,-2,,,,,0,,false,2`,
      '',
    ]);
  });

  it('movements: one row each, signed quantities', () => {
    expect(movementsCsv([movement({ qty: -3, kind: 'adjust', orderId: 'SO1' })]).split('\r\n')).toEqual([
      'at,sku,kind,qty,location,pool,channel,order_id,ref,by,key',
      '2026-11-25T02:30:00.000Z,SKU-TEE,adjust,-3,A-01,shared,,SO1,PO-7,P01,E1:0',
      '',
    ]);
  });
});
