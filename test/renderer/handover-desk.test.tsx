// The desk in handover mode: carrier, courier and counts; the parcels of the open batch; the last
// closed batch's missing list and print status; a refused waybill in the red alert overlay.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandoverView } from '../../src/contract/handover.js';
import { snapshot } from './fixtures.js';
import { renderApp } from './render.js';

afterEach(() => cleanup());

const AT = Date.UTC(2026, 11, 2, 8);

function view(over: Partial<HandoverView> = {}): HandoverView {
  return {
    open: {
      batchId: 'B-2',
      carrier: 'SF',
      courier: 'SF-KD-07',
      openedAt: AT,
      waybills: [
        { waybill: 'SF1000000000002', orderId: 'O-2', at: AT + 2000 },
        { waybill: 'SF1000000000001', orderId: 'O-1', at: AT + 1000 },
      ],
      count: 2,
      expected: 5,
    },
    lastClosed: {
      batchId: 'B-1',
      carrier: 'YTO',
      courier: null,
      closedAt: AT - 60_000,
      count: 12,
      missing: ['YT1000000000009', 'YT1000000000010'],
      missingFrom: 'hub',
      print: 'printed',
      printError: null,
    },
    ...over,
  };
}

describe('handover mode at the desk', () => {
  it('shows the batch, its parcels and the missing list of the last batch', () => {
    renderApp(snapshot({ handover: view() }));
    expect(screen.getByTestId('handover-mode').textContent).toBe('快递交接');
    expect(screen.getByTestId('handover-next').textContent).toContain('逐个扫包裹运单号');
    expect(screen.getByTestId('handover-count').textContent).toBe('2 件');
    const items = Array.from(screen.getByTestId('handover-list').querySelectorAll('li')).map(
      (li) => li.querySelector('.handover-waybill')?.textContent,
    );
    expect(items).toEqual(['SF1000000000002', 'SF1000000000001']);
    expect(screen.getByTestId('handover-print').textContent).toBe('交接单已打印');
    const missing = screen.getByTestId('handover-missing');
    expect(missing.textContent).toContain('未交接 2 件');
    expect(missing.textContent).toContain('全部打包台（云端）');
    expect(missing.textContent).toContain('YT1000000000010');
    expect(screen.queryByTestId('pack-state')).toBeNull();
  });

  it('asks for the carrier first, in English, and says when the sheet waits for the printer', () => {
    renderApp(
      snapshot({
        handover: view({
          open: null,
          lastClosed: { ...view().lastClosed!, missing: [], print: 'error', printError: 'paper_out' },
        }),
      }),
      { locale: 'en' },
    );
    expect(screen.getByTestId('handover-next').textContent).toBe("Scan the courier's badge, or a carrier barcode");
    expect(screen.getByTestId('handover-print').textContent).toBe('Handover sheet waiting: paper_out');
    expect(screen.getByTestId('handover-missing-none').textContent).toContain('handed over');
  });

  it('shows a refused waybill as a red alert', () => {
    renderApp(
      snapshot({
        handover: view(),
        alert: {
          kind: 'error',
          code: 'handover_wrong_carrier',
          params: { waybill: 'YT1000000000003', carrier: 'SF', parcelCarrier: 'YTO' },
          orderId: null,
          clearBy: 'ack',
          at: AT,
        },
      }),
    );
    const overlay = screen.getByRole('alertdialog');
    expect(overlay.textContent).toContain('快递公司不对');
    expect(overlay.textContent).toContain('包裹 YT1000000000003 是 YTO 的，本批是 SF');
  });
});
