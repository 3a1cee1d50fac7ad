// 子母单 labels through WeChat's print component at the desk: the child labels print from their own
// print_info with n/N (N = the parcel count), the parent 1/N once the count is known (children
// issued, or boxes declared with CMD-SPLIT), 1/1 before; a label without print_info is Packdesk's.
import { afterEach, describe, expect, it } from 'vitest';
import type { LabelModel } from '../../../src/contract/label.js';
import type { HubOrder } from '../../../src/contract/sync.js';
import { wechatTaskFor } from '../../../src/main/core/labels/wechat-route.js';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { O } from '../../helpers/fixtures.js';
import { hubOrder } from '../sync/harness.js';

let t: TestStation | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const PARENT = 'SF0000000000001';
const pre = {
  carrier: 'SF',
  waybill: PARENT,
  ewaybillOrderId: '7000000000000000001',
  printInfo: 'cGFyZW50',
  templateId: 'single',
};

/** Only what the route reads of a label. */
const model = (waybill: string, extra: Partial<LabelModel> = {}): LabelModel =>
  ({ orderId: O.clean, waybill, parcelNo: 1, reprint: false, ...extra }) as LabelModel;

async function syncWith(patch: Partial<HubOrder>) {
  t = await makeStation();
  const sync = t.station.services.stores.sync;
  sync.setHubOrder(hubOrder(O.clean, 2, { preassigned: pre, ...patch }));
  return sync;
}

describe('wechatTaskFor with 子母单 labels', () => {
  it('prints each SF child from its own print_info as n/N and the parent as 1/N', async () => {
    const sync = await syncWith({
      subWaybills: [
        { parcelNo: 1, waybill: PARENT },
        { parcelNo: 2, waybill: 'SF0000000000002', printInfo: 'Y2hpbGQy' },
        { parcelNo: 3, waybill: 'SF0000000000003', printInfo: 'Y2hpbGQz' },
      ],
    });
    expect(wechatTaskFor(sync, model('SF0000000000002'))).toEqual({
      printInfo: 'Y2hpbGQy',
      printNum: { curNum: 2, sumNum: 3 },
    });
    expect(wechatTaskFor(sync, model('SF0000000000003'))).toEqual({
      printInfo: 'Y2hpbGQz',
      printNum: { curNum: 3, sumNum: 3 },
    });
    // The parent keeps the print_info fetched with the e-waybill; its counter now knows the count.
    expect(wechatTaskFor(sync, model(PARENT))).toEqual({ printInfo: 'cGFyZW50', printNum: { curNum: 1, sumNum: 3 } });
    // A number WeChat did not issue with print_info (a pool number) is Packdesk's own label.
    expect(wechatTaskFor(sync, model('SF0000000000099'))).toBeNull();
  });

  it('prints JD renumbered labels, the parent included, from their refetched print_info', async () => {
    const base = 'JDVA00000000001';
    const sync = await syncWith({
      preassigned: { ...pre, carrier: 'JD', waybill: base },
      subWaybills: [1, 2].map((n) => ({ parcelNo: n, waybill: `${base}-${n}-2`, printInfo: `jd${n}` })),
    });
    expect(wechatTaskFor(sync, model(`${base}-1-2`))).toEqual({ printInfo: 'jd1', printNum: { curNum: 1, sumNum: 2 } });
    expect(wechatTaskFor(sync, model(`${base}-2-2`))).toEqual({ printInfo: 'jd2', printNum: { curNum: 2, sumNum: 2 } });
  });

  it('prints the parent 1/1 before the count is known, 1/N when boxes were declared', async () => {
    const sync = await syncWith({});
    expect(wechatTaskFor(sync, model(PARENT))?.printNum).toEqual({ curNum: 1, sumNum: 1 });
    expect(wechatTaskFor(sync, model(PARENT, { parcelCount: 3 }))?.printNum).toEqual({ curNum: 1, sumNum: 3 });
  });

  it('leaves a child without print_info to Packdesk (which refuses a masked receiver)', async () => {
    const sync = await syncWith({
      subWaybills: [
        { parcelNo: 1, waybill: PARENT },
        { parcelNo: 2, waybill: 'SF0000000000002' },
      ],
    });
    expect(wechatTaskFor(sync, model('SF0000000000002'))).toBeNull();
  });
});
