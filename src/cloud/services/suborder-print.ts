// print_info for a 子母单's new labels (wechat-api-2.md §1.5 print/get with sub_waybill_id), so the
// desk prints each child through WeChat's print component like the parent (README "Labels: which
// path each channel takes"). Children always; for a carrier that renumbers (JD) the parent too — its
// printed number changed, so the print_info fetched with the e-waybill is stale.
import { RENUMBERING_CARRIERS, type SubWaybill } from '../../contract/multi-parcel.js';
import { MAX_PRINT_INFO } from '../../contract/sync.js';
import type { ChannelsApi } from '../wechat/index.js';

export interface SubPrintTicket {
  carrier: string;
  ewaybillOrderId: string;
  /** "single" or a template id, as the parent's print_info was fetched with (§1.4). */
  templateId: string;
}

/** One 子母单 label's print_info (print/get with sub_waybill_id), refused when a station could not take it. */
export async function labelPrintInfo(
  api: Pick<ChannelsApi, 'printInfo'>,
  ticket: Pick<SubPrintTicket, 'ewaybillOrderId' | 'templateId'>,
  waybill: string,
): Promise<string> {
  const printInfo = await api.printInfo({
    ewaybillOrderId: ticket.ewaybillOrderId,
    templateId: ticket.templateId,
    subWaybillId: waybill,
  });
  if (printInfo.length > MAX_PRINT_INFO)
    throw new Error(`print_info of ${printInfo.length} characters is over the ${MAX_PRINT_INFO} a station takes`);
  return printInfo;
}

/**
 * The labels with their print_info. A label whose fetch fails is returned without one (and reported,
 * to be fetched again by workers/suborders.ts): the children exist once addsuborder answered, and
 * asking again would add more. Until then the desk refuses a masked receiver's label with the reason
 * rather than draw it.
 */
export async function withSubPrintInfo(
  api: Pick<ChannelsApi, 'printInfo'>,
  ticket: SubPrintTicket,
  subs: readonly SubWaybill[],
  failed: (waybill: string, error: string) => void,
): Promise<SubWaybill[]> {
  const renumbers = (RENUMBERING_CARRIERS as readonly string[]).includes(ticket.carrier);
  const out: SubWaybill[] = [];
  for (const sub of subs) {
    if (sub.parcelNo === 1 && !renumbers) {
      out.push(sub);
      continue;
    }
    try {
      out.push({ ...sub, printInfo: await labelPrintInfo(api, ticket, sub.waybill) });
    } catch (err) {
      failed(sub.waybill, err instanceof Error ? err.message : String(err));
      out.push(sub);
    }
  }
  return out;
}
