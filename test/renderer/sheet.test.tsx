import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BarcodeSheet } from '../../src/contract/api/sheet.js';
import { snapshot } from './fixtures.js';
import { renderApp } from './render.js';

const SHEET: BarcodeSheet = {
  commands: [
    { code: 'CMD-ACK', labelKey: 'command.ACK', text: 'CMD-ACK' },
    { code: 'CMD-HOLD', labelKey: 'cmd.hold', text: 'CMD-HOLD' },
  ],
  quantities: [{ code: 'CMD-QTY-12', labelKey: null, text: 'CMD-QTY-12' }],
  reasons: {
    hold: [{ code: 'RSN-STOCK-SHORT', labelKey: 'reason.hold.STOCK-SHORT', text: 'RSN-STOCK-SHORT' }],
    override: [{ code: 'RSN-SCALE-DRIFT', labelKey: null, text: 'RSN-SCALE-DRIFT' }],
  },
  packaging: [{ code: 'PKG-VACUUM-ICE', labelKey: null, text: 'PKG-VACUUM-ICE' }],
  badges: [{ code: 'BADGE-S1', labelKey: null, text: '王主管', role: 'supervisor' }],
  products: [{ code: '6901234567892', labelKey: null, text: '蓝牙耳机', sku: 'EAR-BT-01', bundle: false }],
  orders: [
    {
      code: 'WX202611250001',
      labelKey: null,
      text: 'WX202611250001',
      status: 'open',
      flags: ['duplicate_payment'],
      pickSlip: 'PK-0001',
    },
  ],
};

beforeEach(() => {
  window.location.hash = '#/sheet';
});
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('barcode sheet', () => {
  it('lists every section with a Code 128, the code and a translated label', async () => {
    const { calls } = renderApp(snapshot(), { handlers: { 'sheet.get': () => SHEET } });
    await waitFor(() => expect(screen.getByTestId('sheet-commands')).toBeTruthy());
    expect(calls).toContainEqual({ method: 'sheet.get', args: { orders: 60 } });

    const ack = screen.getByTestId('sheet-entry-CMD-ACK');
    expect(ack.textContent).toContain('确认 ACK');
    expect(ack.querySelector('svg[data-barcode="code128"] path')).not.toBeNull();
    // Labels come from the code itself when the core's labelKey is not one we know.
    expect(screen.getByTestId('sheet-entry-CMD-HOLD').textContent).toContain('挂起');
    expect(screen.getByTestId('sheet-entry-CMD-QTY-12').textContent).toContain('数量×12');
    expect(screen.getByTestId('sheet-entry-RSN-STOCK-SHORT').textContent).toContain('缺货');
    expect(screen.getByTestId('sheet-entry-RSN-SCALE-DRIFT').textContent).toContain('秤偏差');
    expect(screen.getByTestId('sheet-entry-PKG-VACUUM-ICE').textContent).toContain('真空包装+冰袋');
    expect(screen.getByTestId('sheet-entry-BADGE-S1').textContent).toContain('主管');
    const product = screen.getByTestId('sheet-entry-6901234567892');
    expect(product.textContent).toContain('蓝牙耳机');
    expect(product.textContent).toContain('EAR-BT-01');
    const order = within(screen.getByTestId('sheet-orders')).getByTestId('sheet-entry-WX202611250001');
    expect(order.textContent).toContain('PK-0001');
    expect(order.textContent).toContain('待打包');
    expect(order.textContent).toContain('重复支付');
    expect(screen.getByTestId('sheet-back').getAttribute('href')).toBe('#/');
  });

  it('says so when the sheet cannot be loaded', async () => {
    renderApp(snapshot(), { handlers: {} });
    await waitFor(() => expect(screen.getByText(/条码表载入失败/)).toBeTruthy());
  });

  it('goes back to the pack screen when the hash changes', async () => {
    renderApp(snapshot(), { handlers: { 'sheet.get': () => SHEET } });
    await waitFor(() => expect(screen.getByTestId('sheet-commands')).toBeTruthy());
    window.location.hash = '#/';
    await waitFor(() => expect(screen.getByTestId('pack-state')).toBeTruthy());
  });
});
