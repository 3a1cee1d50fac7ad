// print_info for a 子母单's labels at the hub (print/get with sub_waybill_id, wechat-api-2.md §1.5),
// against the WeChat sandbox's e-waybill endpoint: each SF child gets its own, the parent keeps the
// one fetched with the e-waybill; JD (renumbered) refetches every label; an unknown child is refused
// like WeChat does, and that label goes on without print_info.
import { describe, expect, it } from 'vitest';
import { withSubPrintInfo } from '../../../src/cloud/services/suborder-print.js';
import { subWaybillsOf } from '../../../src/cloud/services/suborders.js';
import { Ewaybills } from '../../../src/demo/wechat-sandbox/ewaybill.js';
import type { ChannelsOrders } from '../../../src/demo/wechat-sandbox/orders.js';
import { WxError } from '../../../src/demo/wechat-sandbox/wire.js';

const party = {
  name: '林**',
  mobile: '183****2807',
  province: '浙江省',
  city: '杭州市',
  county: '西湖区',
  address: '文三路**号',
};

/** A sandbox ticket with a waybill taken and `children` 子母单 children (drop-ship code: no shop order needed). */
function ticket(carrier: string, children: number) {
  const sandbox = new Ewaybills({} as ChannelsOrders);
  const body = { delivery_id: carrier, sender: party, receiver: party, ewaybill_order_code: 'DS-1' };
  const id = String(sandbox.precreate(body)['ewaybill_order_id']);
  const parent = String(sandbox.create({ ...body, ewaybill_order_id: id })['waybill_id']);
  const list = sandbox.addSubOrder({
    ewaybill_order_id: Number(id) <= Number.MAX_SAFE_INTEGER ? Number(id) : { $uint64: id },
    waybill_id: parent,
    delivery_id: carrier,
    add_package_quantity: children,
  })['waybill_id_list'] as string[];
  const calls: Record<string, unknown>[] = [];
  const api = {
    printInfo(i: { ewaybillOrderId: string; templateId: string; subWaybillId?: string }) {
      const req = {
        ewaybill_order_id: i.ewaybillOrderId,
        template_id: i.templateId,
        ...(i.subWaybillId === undefined ? {} : { sub_waybill_id: i.subWaybillId }),
      };
      calls.push(req);
      try {
        return Promise.resolve(String(sandbox.printGet(req)['print_info']));
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
  };
  return { sandbox, id, parent, list, api, calls };
}

const decode = (printInfo: string | undefined) =>
  JSON.parse(Buffer.from(printInfo ?? '', 'base64').toString()) as { waybill_id: string; parent_waybill_id?: string };

describe('子母单 print_info at the hub', () => {
  it('fetches each SF child with sub_waybill_id and leaves the parent as it was', async () => {
    const { id, parent, list, api, calls } = ticket('SF', 2);
    const subs = subWaybillsOf('SF', parent, [2, 3], list);
    const failures: string[] = [];
    const out = await withSubPrintInfo(api, { carrier: 'SF', ewaybillOrderId: id, templateId: 'single' }, subs, (w) =>
      failures.push(w),
    );
    expect(failures).toEqual([]);
    expect(calls).toEqual(list.map((w) => ({ ewaybill_order_id: id, template_id: 'single', sub_waybill_id: w })));
    expect(out[0]).toEqual({ parcelNo: 1, waybill: parent });
    expect(out.slice(1).map((s) => decode(s.printInfo))).toEqual(
      list.map((w) => expect.objectContaining({ waybill_id: w, parent_waybill_id: parent })),
    );
  });

  it('refetches every JD label, the renumbered parent included', async () => {
    const { id, parent, list, api, calls } = ticket('JD', 2);
    expect(list).toEqual([1, 2, 3].map((n) => `${parent}-${n}-3`));
    const out = await withSubPrintInfo(
      api,
      { carrier: 'JD', ewaybillOrderId: id, templateId: 'single' },
      subWaybillsOf('JD', parent, [2, 3], list),
      () => {},
    );
    expect(calls.map((c) => c['sub_waybill_id'])).toEqual(list);
    expect(out.map((s) => decode(s.printInfo).waybill_id)).toEqual(list);
  });

  it('refuses a child the ticket never issued, and that label goes on without print_info', async () => {
    const { sandbox, id, parent, list, api } = ticket('SF', 1);
    let refused: unknown;
    try {
      sandbox.printGet({ ewaybill_order_id: id, template_id: 'single', sub_waybill_id: 'SF9999999999999' });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(WxError);
    expect((refused as WxError).errcode).toBe(1000003);
    // Without sub_waybill_id the whole ticket (the parent's label) comes back, as before.
    expect(decode(String(sandbox.printGet({ ewaybill_order_id: id, template_id: 'single' })['print_info']))).toEqual(
      expect.objectContaining({ waybill_id: parent }),
    );
    const failures: string[] = [];
    const out = await withSubPrintInfo(
      api,
      { carrier: 'SF', ewaybillOrderId: id, templateId: 'single' },
      [
        { parcelNo: 1, waybill: parent },
        { parcelNo: 2, waybill: list[0] ?? '' },
        { parcelNo: 3, waybill: 'SF9999999999999' },
      ],
      (w) => failures.push(w),
    );
    expect(failures).toEqual(['SF9999999999999']);
    expect(out[1]?.printInfo).toBeDefined();
    expect(out[2]).toEqual({ parcelNo: 3, waybill: 'SF9999999999999' });
  });
});
