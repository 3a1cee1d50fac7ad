// Turns the params the core sends with notices and alerts into template values. The contract types
// params as a loose record, so the names we rely on are read with fallbacks in one place
// (as emitted by src/main/core/packing: title, sku, code, orderId, qty, reason, flags, measuredG…).
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

function num(params: Params, ...names: string[]): number | null {
  for (const n of names) {
    const v = params[n];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  }
  return null;
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
  const packaging = str(p, 'packaging') ?? (notice.code === 'packaging_set' ? str(p, 'code') : undefined);
  if (packaging) p.packaging = t(`packaging.${packaging}`, { defaultValue: packaging });
  const reason = str(p, 'reason');
  if (reason) p.reason = reasonText(reason, t);
  const command = str(p, 'command');
  if (command) p.command = commandText(command, t);
  const carrier = str(p, 'carrier');
  if (carrier) p.carrier = t(`carrier.${carrier}`, { defaultValue: carrier });
  const grams = num(p, 'grams', 'weightG');
  if (grams !== null) p.weight = formatWeight(grams);
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
  const p = alert.params;
  return {
    expectedG: num(p, 'expectedG', 'expected') ?? pack?.weight?.expectedG ?? null,
    measuredG: num(p, 'measuredG', 'weightG', 'grams') ?? pack?.measuredG ?? null,
    minG: num(p, 'minG') ?? pack?.weight?.minG ?? null,
    maxG: num(p, 'maxG') ?? pack?.weight?.maxG ?? null,
  };
}

export function alertParams(alert: Alert, pack: PackView | null): Params {
  const p = alert.params;
  return {
    ...p,
    title: str(p, 'title', 'productTitle', 'product') ?? str(p, 'sku', 'code') ?? '',
    code: str(p, 'code', 'barcode') ?? '',
    orderId: str(p, 'orderId') ?? alert.orderId ?? pack?.order.id ?? '',
  };
}

/** Order flags sent as "a,b" (intercept params) or taken from the open order. */
export function alertFlags(alert: Alert, pack: PackView | null): string[] {
  const raw = str(alert.params, 'flags');
  if (raw)
    return raw
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
  return pack && pack.order.id === alert.orderId ? [...pack.order.flags] : [];
}
