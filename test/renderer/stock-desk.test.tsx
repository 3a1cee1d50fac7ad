// The desk in a stock mode (receiving, count, returns): what to scan next, the lines scanned, the
// commands that apply, alerts in the packing overlay; a typed quantity goes to the core as CMD-QTY-n
// while a scanner's digits never do; the pack screen's amber stock hints.
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { StockSessionView } from '../../src/contract/stock-desk.js';
import { TypedQuantity } from '../../src/renderer/scan/typed-quantity.js';
import { line, pack, snapshot } from './fixtures.js';
import { renderApp } from './render.js';

afterEach(() => cleanup());

function session(over: Partial<StockSessionView> = {}): StockSessionView {
  return {
    id: 'S1',
    mode: 'receiving',
    step: 'items',
    location: 'A-01',
    reference: null,
    orderId: null,
    waybill: null,
    orderLines: [],
    lines: [
      { sku: 'SKU-VASE', title: '玻璃花瓶', qty: 32, condition: null },
      { sku: 'SKU-TEE', title: '纯棉T恤', qty: 12, condition: null },
    ],
    units: 44,
    lastSku: 'SKU-TEE',
    qtyMultiplier: null,
    startedAt: Date.UTC(2026, 10, 25, 1),
    ...over,
  };
}

describe('stock modes at the desk', () => {
  it('receiving: mode, next step, location and the lines with the last one highlighted', () => {
    renderApp(
      snapshot({
        stock: session(),
        notice: {
          level: 'success',
          code: 'stock_added',
          params: { sku: 'SKU-TEE', title: '纯棉T恤', qty: 12, total: 12 },
        },
      }),
    );
    expect(screen.getByTestId('stock-mode').textContent).toBe('收货');
    expect(screen.getByTestId('stock-next').textContent).toContain('扫描商品');
    expect(screen.getByTestId('stock-fact-location').textContent).toContain('A-01');
    expect(screen.getByTestId('stock-fact-units').textContent).toContain('44');
    expect(screen.getByTestId('stock-line-SKU-VASE').dataset.qty).toBe('32');
    expect(screen.getByTestId('stock-line-SKU-TEE').className).toContain('active');
    expect(screen.getByTestId('notice').textContent).toBe('纯棉T恤 +12（共 12）');
    const commands = Array.from(
      screen.getByTestId('stock-commands').querySelectorAll('li'),
      (li) => li.dataset.command,
    );
    expect(commands).toEqual(['FINISH', 'UNDO', 'CANCEL']);
    // No pack screen underneath.
    expect(screen.queryByTestId('pack-state')).toBeNull();
  });

  it('count at the approval step asks for a supervisor badge, in English too', () => {
    renderApp(snapshot({ stock: session({ mode: 'count', step: 'approval', location: 'C-03' }) }), { locale: 'en' });
    expect(screen.getByTestId('stock-mode').textContent).toBe('Count');
    expect(screen.getByTestId('stock-next').textContent).toBe(
      'Supervisor: scan your badge to approve the count of C-03',
    );
    const commands = Array.from(
      screen.getByTestId('stock-commands').querySelectorAll('li'),
      (li) => li.dataset.command,
    );
    expect(commands).toEqual(['CANCEL']);
  });

  it('returns: the order lines returned so far and the condition still to choose', () => {
    renderApp(
      snapshot({
        stock: session({
          mode: 'returns',
          step: 'condition',
          orderId: 'SO1',
          orderLines: [{ sku: 'SKU-TEE', title: '纯棉T恤', ordered: 2, returned: 1 }],
          lines: [{ sku: 'SKU-TEE', title: '纯棉T恤', qty: 1, condition: null }],
          units: 1,
        }),
      }),
    );
    expect(screen.getByTestId('stock-mode').textContent).toBe('退货入库');
    expect(screen.getByTestId('return-line-SKU-TEE').textContent).toContain('1 / 2');
    expect(screen.getByTestId('stock-line-SKU-TEE').dataset.condition).toBe('');
    expect(screen.getByTestId('stock-line-SKU-TEE').textContent).toContain('待选择');
    const commands = Array.from(
      screen.getByTestId('stock-commands').querySelectorAll('li'),
      (li) => li.dataset.command,
    );
    expect(commands).toEqual(['GOOD', 'DAMAGED', 'UNDO']);
  });

  it("a returned parcel's trace from the hub: state and the carrier's scans, newest first", async () => {
    const returned = session({ mode: 'returns', step: 'items', orderId: 'SO1', waybill: 'SF1234567890123', lines: [] });
    const { calls } = renderApp(snapshot({ stock: returned }), {
      handlers: {
        'tracking.timeline': ({ waybill }) => ({
          ok: true,
          timeline: {
            waybill,
            carrier: 'SF',
            orderId: 'SO1',
            state: 'exception',
            events: [
              {
                waybill,
                carrier: 'SF',
                state: 'collected',
                at: Date.UTC(2026, 10, 20, 2),
                place: '杭州',
                detail: '已揽收',
                source: 'kuaidi100',
              },
              {
                waybill,
                carrier: 'SF',
                state: 'exception',
                at: Date.UTC(2026, 10, 23, 2),
                place: '上海',
                detail: 'returned 退回',
                source: 'kuaidi100',
              },
            ],
            handedOverAt: Date.UTC(2026, 10, 20, 1),
            labelAt: Date.UTC(2026, 10, 20, 0),
            packedAt: Date.UTC(2026, 10, 20, 0),
          },
        }),
      },
    });
    const trace = await screen.findByTestId('parcel-trace');
    await screen.findByText(/异常 上海/);
    expect(trace.dataset.state).toBe('exception');
    expect(trace.textContent).toContain('SF SF1234567890123');
    const rows = Array.from(trace.querySelectorAll('li'), (li) => li.textContent);
    expect(rows[0]).toContain('退回');
    expect(rows[1]).toContain('已揽收');
    expect(calls).toContainEqual({ method: 'tracking.timeline', args: { waybill: 'SF1234567890123' } });
  });

  it('a trace the hub does not have, or cannot give, is one line; without a hub there is none', async () => {
    const returned = session({ mode: 'returns', step: 'items', waybill: 'YT0000000000001', lines: [] });
    renderApp(snapshot({ stock: returned }), {
      handlers: { 'tracking.timeline': () => ({ ok: false, reason: 'not_found', message: '404' }) },
      locale: 'en',
    });
    await screen.findByText('The hub does not follow this waybill');
    cleanup();
    renderApp(snapshot({ stock: returned }), {
      handlers: { 'tracking.timeline': () => ({ ok: false, reason: 'unreachable', message: 'down' }) },
    });
    await screen.findByText('无法连接总部服务器：物流轨迹暂不可见');
    cleanup();
    const { calls } = renderApp(snapshot({ stock: returned }), {
      handlers: { 'tracking.timeline': () => ({ ok: false, reason: 'no_hub', message: '' }) },
    });
    await waitFor(() => expect(calls.some((c) => c.method === 'tracking.timeline')).toBe(true));
    await waitFor(() => expect(screen.queryByTestId('parcel-trace')).toBeNull());
  });

  it('an unknown code raises the red packing overlay over the stock screen', () => {
    renderApp(
      snapshot({
        stock: session(),
        alert: {
          kind: 'error',
          code: 'unknown_code',
          params: { code: 'XYZ-1', reason: '' },
          orderId: null,
          clearBy: 'ack',
          at: Date.UTC(2026, 10, 25, 1),
        },
      }),
    );
    expect(screen.getByTestId('alert').textContent).toContain('XYZ-1');
  });

  it('a typed number and Enter is sent as the quantity command', async () => {
    const { calls } = renderApp(snapshot({ stock: session() }), {
      handlers: { 'scan.submit': () => ({ scanId: 1, verdict: 'command', sound: 'good' }) },
    });
    let at = 1000;
    const key = (k: string) => {
      at += 150;
      // A person's pace: jsdom stamps events by the wall clock, so the stamp is set by hand.
      const e = new KeyboardEvent('keydown', { key: k });
      Object.defineProperty(e, 'timeStamp', { value: at });
      window.dispatchEvent(e);
    };
    act(() => {
      key('2');
      key('4');
    });
    expect(screen.getByTestId('stock-qty').textContent).toBe('×24…');
    await act(async () => {
      key('Enter');
      await Promise.resolve();
    });
    expect(calls.filter((c) => c.method === 'scan.submit').map((c) => c.args)).toEqual([
      { code: 'CMD-QTY-24', source: 'wedge' },
    ]);
  });
});

describe('typed quantities', () => {
  const feed = (r: TypedQuantity, keys: [string, number][]) =>
    keys.map(([key, timeStamp]) => r.feed({ key, timeStamp, ctrlKey: false, altKey: false }));

  it('reads digits a person types, closed by Enter', () => {
    const r = new TypedQuantity();
    expect(
      feed(r, [
        ['1', 0],
        ['2', 120],
        ['0', 260],
        ['Enter', 500],
      ]),
    ).toEqual([null, null, null, 120]);
  });

  it('never reads a scanner burst (an EAN) as a quantity', () => {
    const r = new TypedQuantity();
    const burst = '6901000000017'.split('').map((d, i): [string, number] => [d, 1000 + i * 5]);
    expect(feed(r, [...burst, ['Enter', 1070]]).at(-1)).toBeNull();
    expect(r.pending).toBe('');
  });

  it('Backspace corrects, Escape and letters clear, zero is no quantity', () => {
    const r = new TypedQuantity();
    expect(
      feed(r, [
        ['5', 0],
        ['7', 100],
        ['Backspace', 200],
        ['Enter', 300],
      ]).at(-1),
    ).toBe(5);
    expect(
      feed(r, [
        ['5', 400],
        ['Escape', 500],
        ['Enter', 600],
      ]).at(-1),
    ).toBeNull();
    expect(
      feed(r, [
        ['5', 700],
        ['a', 800],
        ['Enter', 900],
      ]).at(-1),
    ).toBeNull();
    expect(
      feed(r, [
        ['0', 1000],
        ['Enter', 1100],
      ]).at(-1),
    ).toBeNull();
  });
});

describe('stock hints on the pack screen', () => {
  it('an amber note on a line marked last unit or short, none on the others', () => {
    renderApp(
      snapshot({
        pack: pack({
          lines: [
            line({ productId: 1, sku: 'A', stockHint: 'last_unit' }),
            line({ productId: 2, sku: 'B', stockHint: 'short' }),
            line({ productId: 3, sku: 'C' }),
          ],
        }),
      }),
    );
    expect(screen.getByTestId('stock-hint-1').textContent).toContain('最后一件库存');
    expect(screen.getByTestId('stock-hint-2').textContent).toContain('库存不足');
    expect(screen.queryByTestId('stock-hint-3')).toBeNull();
  });
});
