// Turns the params the core sends with notices and alerts into template values. The contract types
// params per code (AlertParams, NoticeParams in src/contract/station.ts), so each reader narrows by
// code; only the generic template defaults (a title, a code, the order id) fall back across codes.
import type { TFunction } from 'i18next';
import { REASON_PURPOSES, REASONS } from '../contract/commands.js';
import type { Alert, Notice, PackView } from '../contract/station.js';
import { formatWeight } from './format.js';

type Params = Record<string, string | number>;

function str(params: Params, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = params[n];
    if (v !== undefined && v !== '') return String(v);
  }
  return undefined;
}

/** A reason code (STOCK-SHORT, SCALE-DRIFT…) in words; free text passes through unchanged. */
export function reasonText(reason: string, t: TFunction): string {
  const bare = reason.toUpperCase().replace(/^RSN-/, '');
  const purpose = REASON_PURPOSES.find((p) => REASONS[p].includes(bare));
  return purpose ? t(`reason.${purpose}.${bare}`) : reason;
}

/** A command code (CMD-NEXT, NEXT) in words; anything else passes through. */
function commandText(command: string, t: TFunction): string {
  const bare = command.toUpperCase().replace(/^CMD-/, '');
  return t(`command.${bare}`, { defaultValue: command });
}

/** Notice params with codes (packaging, reasons, commands, carriers) turned into words. */
export function noticeParams(notice: Notice, t: TFunction): Params {
  const p: Params = { ...notice.params };
  switch (notice.code) {
    case 'packaging_set':
      if (notice.params.code) p.packaging = t(`packaging.${notice.params.code}`, { defaultValue: notice.params.code });
      break;
    case 'order_held':
    case 'reason_not_now':
    case 'override_recorded':
    case 'label_queued':
      if (notice.params.reason) p.reason = reasonText(notice.params.reason, t);
      break;
    case 'command_not_now':
    case 'finish_pack_first':
      if (notice.params.command) p.command = commandText(notice.params.command, t);
      break;
    case 'label_pending':
      if (notice.params.carrier)
        p.carrier = t(`carrier.${notice.params.carrier}`, { defaultValue: notice.params.carrier });
      break;
    case 'label_masked_address':
      p.fields = notice.params.fields
        .split(',')
        .filter((f) => f !== '')
        .map((f) => t(`label.maskedField.${f}`, { defaultValue: f }))
        .join(t('label.maskedField.separator'));
      break;
    case 'stock_mode':
    case 'stock_cancelled':
    case 'stock_nothing':
    case 'stock_sent':
      p.modeName = t(`stock.mode.${notice.params.mode}`);
      break;
    case 'stock_condition':
      p.conditionName = t(`stock.condition.${notice.params.condition}`);
      break;
    case 'weight_accepted':
      if (Number.isFinite(notice.params.grams)) p.weight = formatWeight(notice.params.grams);
      break;
    default:
      break;
  }
  return p;
}

export interface WeightFacts {
  expectedG: number | null;
  measuredG: number | null;
  minG: number | null;
  maxG: number | null;
}

/** Weight figures for the weight alert: from its params, else from the pack it belongs to. */
export function weightFacts(alert: Alert, pack: PackView | null): WeightFacts {
  const p = alert.code === 'weight_out_of_tolerance' ? alert.params : null;
  return {
    expectedG: p?.expectedG ?? pack?.weight?.expectedG ?? null,
    measuredG: p?.measuredG ?? pack?.measuredG ?? null,
    minG: p?.minG ?? pack?.weight?.minG ?? null,
    maxG: p?.maxG ?? pack?.weight?.maxG ?? null,
  };
}

/** Template values for any alert: its params, with a title, a code and the order id always filled. */
export function alertParams(alert: Alert, pack: PackView | null): Params {
  const p: Params = { ...alert.params };
  return {
    ...p,
    title: str(p, 'title') ?? str(p, 'sku', 'code') ?? '',
    code: str(p, 'code') ?? '',
    orderId: str(p, 'orderId') ?? alert.orderId ?? pack?.order.id ?? '',
  };
}

/** Order flags of a flagged-order intercept ("a,b"), else taken from the open order. */
export function alertFlags(alert: Alert, pack: PackView | null): string[] {
  const raw = alert.code === 'order_flagged' ? alert.params.flags : '';
  if (raw)
    return raw
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
  return pack && pack.order.id === alert.orderId ? [...pack.order.flags] : [];
}
