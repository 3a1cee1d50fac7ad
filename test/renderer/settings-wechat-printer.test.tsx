// The settings screen's WeChat print component panel: the printers the component lists, which one
// is in use, and picking another (devices.wechatPrinter.use).
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WechatPrinterView } from '../../src/contract/api.js';
import { renderApp } from './render.js';
import { PORTS, settingsSnapshot, settingsView } from './settings-fixtures.js';

beforeEach(() => {
  window.location.hash = '#/settings';
});
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const component = (printer: string | null): WechatPrinterView => ({
  configured: true,
  url: 'ws://127.0.0.1:12705',
  printer,
  state: 'ready',
  detail: null,
  version: '1.3.4',
  printers: [
    { name: 'ZDesigner GK888t', displayName: '斑马 GK888t', status: 3 },
    { name: 'Deli DL-888D', displayName: 'Deli DL-888D', status: 3 },
  ],
});

describe('settings: WeChat print component', () => {
  it('lists the component printers and switches the one Channels e-waybills print on', async () => {
    const used: unknown[] = [];
    renderApp(settingsSnapshot(), {
      handlers: {
        'settings.get': () => settingsView(),
        'devices.ports': () => PORTS,
        'devices.wechatPrinter.list': () => component('ZDesigner GK888t'),
        'devices.wechatPrinter.use': (args) => {
          used.push(args);
          return component(args.printer);
        },
      },
    });
    const panel = await screen.findByTestId('settings-wechat-printer');
    fireEvent.click(within(panel).getByTestId('wechat-printer-list'));
    await waitFor(() => expect(within(panel).getAllByTestId('wechat-printer-item')).toHaveLength(2));
    expect(within(panel).getByTestId('wechat-printer-view').textContent).toContain('1.3.4');
    const [first, second] = within(panel).getAllByTestId('wechat-printer-item');
    expect(first?.textContent).toContain('斑马 GK888t (ZDesigner GK888t)');
    expect(first?.querySelector('button')).toBeNull();
    const use = second?.querySelector('button');
    if (!use) throw new Error('no button for the second printer');
    fireEvent.click(use);
    await waitFor(() => expect(used).toEqual([{ printer: 'Deli DL-888D' }]));
    await waitFor(() =>
      expect(within(panel).getAllByTestId('wechat-printer-item')[1]?.querySelector('button')).toBeNull(),
    );
  });

  it('says when the desk has no component', async () => {
    renderApp(settingsSnapshot(), {
      handlers: {
        'settings.get': () => settingsView(),
        'devices.ports': () => PORTS,
        'devices.wechatPrinter.list': () => ({ ...component(null), configured: false, url: null, printers: [] }),
      },
    });
    const panel = await screen.findByTestId('settings-wechat-printer');
    fireEvent.click(within(panel).getByTestId('wechat-printer-list'));
    expect((await within(panel).findByTestId('wechat-printer-none')).textContent).toContain('devices.wechatComponent');
  });
});
