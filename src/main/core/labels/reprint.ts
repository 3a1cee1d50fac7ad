// Reprint (补打): a new label row marked as a reprint, carrying the same waybill. Never a silent
// second print of the original job: the printer sees a different job id and a REPRINT mark.
import { newId } from '../../../base/ids.js';
import type { LabelModel } from '../../../contract/label.js';
import { localDateTime } from '../../../base/time.js';
import { notice, type DeskContext } from '../packing/context.js';
import { maskedFields } from '../../../domain/label/masked.js';
import { wechatTaskFor } from './wechat-route.js';

export function reprintLast(ctx: DeskContext): boolean {
  const packId = ctx.rt.pack?.id ?? ctx.rt.lastPackId;
  if (!packId) {
    notice(ctx, 'warn', 'nothing_to_reprint');
    return false;
  }
  const parcels = ctx.stores.packs.parcelsOf(packId);
  for (let i = parcels.length - 1; i >= 0; i--) {
    const parcel = parcels[i];
    if (!parcel) continue;
    const source = ctx.stores.labels
      .ofParcel(parcel.id)
      .filter((l) => l.model !== null)
      .pop();
    if (!source?.model) continue;
    const original = JSON.parse(source.model) as LabelModel;
    // A label refused for a masked receiver stays refused on reprint too.
    const masked = maskedFields(original.recipient);
    // A Channels e-waybill is reprinted by WeChat's print component (its privacy label), never drawn here.
    if (masked.length > 0 && !wechatTaskFor(ctx.stores.sync, original)) {
      notice(ctx, 'error', 'label_masked_address', { orderId: original.orderId, fields: masked.join(',') });
      return false;
    }
    const at = ctx.clock.now();
    const labelId = newId(at);
    const model: LabelModel = {
      ...original,
      labelId,
      reprint: true,
      printedAt: at,
      dateText: localDateTime(at, ctx.config.station.timezone),
    };
    ctx.stores.labels.insert(labelId, parcel.id, 'queued', true, model, at);
    ctx.effects.print.push(labelId);
    notice(ctx, 'info', 'reprinted', { waybill: model.waybill });
    return true;
  }
  notice(ctx, 'warn', 'nothing_to_reprint');
  return false;
}
