// The e-waybill trace push `ewaybill_push_path` (wechat-api-2.md §3.1), rendered as WeChat sends it:
// ewaybill_order_id is a bare JSON number above 2^53 inside waybill_info. Like the order pushes it
// goes out encrypted and signed (push.ts securePush) for a shop with push settings.
export interface PathStep {
  ewaybillOrderId: string;
  waybillId: string;
  /** §3.1: 0 awaiting pickup … 5 signed, 6 returned, 8 exception, 99 unknown. */
  status: number;
  desc: string;
  /** Unix seconds. */
  updateTime: number;
}

const SENTINEL = '\u0000ewaybill_order_id\u0000';

export function pathPushJson(step: PathStep, createTime: number): string {
  if (!/^\d+$/.test(step.ewaybillOrderId))
    throw new TypeError(`ewaybill_order_id must be a digit string, got ${JSON.stringify(step.ewaybillOrderId)}`);
  const env = {
    ToUserName: 'gh_fakeshop0001',
    FromUserName: 'o_fake_logistics',
    CreateTime: createTime,
    MsgType: 'event',
    Event: 'ewaybill_push_path',
    waybill_info: {
      ewaybill_order_id: SENTINEL,
      waybill_id: step.waybillId,
      update_time: step.updateTime,
      status: step.status,
      desc: step.desc,
    },
  };
  return JSON.stringify(env).replace(JSON.stringify(SENTINEL), step.ewaybillOrderId);
}

/** The same step as order/get lists it in path_info. */
export function pathInfoItem(step: PathStep): { status: number; desc: string; update_time: number } {
  return { status: step.status, desc: step.desc, update_time: step.updateTime };
}
