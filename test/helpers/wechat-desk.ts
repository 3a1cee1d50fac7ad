// A desk with WeChat's print component (a simulated one on 127.0.0.1), and Channels orders as the hub
// sends them from an e-waybill shop: masked receiver, a preassigned e-waybill (with or without
// print_info). Shared by the component and 子母单 desk tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubOrder } from '../../src/contract/sync.js';
import { WechatComponentPrinter } from '../../src/hardware/printer/wechat-component.js';
import { WechatComponentSim } from '../../src/hardware/sim/wechat-component.js';
import { makeStation, type TestStation } from './station.js';
import { waitFor } from './wait.js';

export type Cleanups = (() => Promise<void> | void)[];

export interface ComponentDesk {
  t: TestStation;
  sim: WechatComponentSim;
  printer: WechatComponentPrinter;
}

/** A station whose labels go through a simulated component (printer SIM-76x130), ready to print. */
export async function deskWithComponent(cleanups: Cleanups): Promise<ComponentDesk> {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-wxdesk-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const sim = new WechatComponentSim({ port: 0 });
  await sim.listen();
  cleanups.push(() => sim.close());
  const printer = new WechatComponentPrinter({
    url: sim.url,
    printer: 'SIM-76x130',
    journalFile: join(dir, 'journal.txt'),
    faultPollMs: 50,
  });
  const t = await makeStation({
    wechatPrinter: printer,
    config: { devices: { wechatComponent: { url: sim.url, printer: 'SIM-76x130' } } },
  });
  cleanups.push(() => t.close());
  await waitFor(() => printer.status().state === 'ready', 5000, 'component ready');
  return { t, sim, printer };
}

/**
 * Makes fixture order `orderId` a Channels e-waybill order at the desk: receiver masked as WeChat
 * sends it, the hub's copy (version 2) carrying `preassigned`. Returns that hub copy.
 */
export function maskedEwaybillOrder(
  t: TestStation,
  orderId: string,
  preassigned: NonNullable<HubOrder['preassigned']>,
): HubOrder {
  const stores = t.station.services.stores;
  const base = stores.orders.get(orderId);
  if (!base) throw new Error(`no fixture order ${orderId}`);
  const masked = {
    ...base,
    recipientName: '林**',
    recipientPhone: '183****2807',
    address: { ...base.address, detail: '文三路**号' },
  };
  stores.orders.upsert([masked]);
  const hubOrder: HubOrder = { ...masked, status: 'open', version: 2, preassigned };
  stores.sync.setHubOrder(hubOrder);
  return hubOrder;
}
