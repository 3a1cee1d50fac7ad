// Values of a WeChat subscribe message (subscribe/send), cut to the limits of each field type so a
// send never fails with 47003 on length (wechat-api-2.md §3.4 [S30][P6]). A template's field key
// names its type: thing1, character_string2, phrase3, time4, …
import { localDate, localDateTime } from '../../base/time.js';

/** The facts a notification can show; the config maps template fields to these. */
export interface NotificationFacts {
  orderId: string;
  waybill: string;
  carrier: string;
  /** 已发货 / 派送中 / 异常 — the event in the buyer's words. */
  status: string;
  /** The first goods name, "…等N件" when there are more. */
  goods: string;
  place: string;
  detail: string;
  /** When it happened (epoch ms). */
  at: number;
}

export const FACT_NAMES = ['orderId', 'waybill', 'carrier', 'status', 'goods', 'place', 'detail', 'time'] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** Characters allowed per field type; `name` allows 20 when Latin only. */
const LIMITS: Record<string, number> = {
  thing: 20,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phrase: 5,
  name: 10,
  phone_number: 17,
  car_number: 8,
};
const DEFAULT_LIMIT = 20;

/** thing1 → thing; character_string12 → character_string. */
export function fieldType(key: string): string {
  return key.replace(/\d+$/, '');
}

function cut(value: string, max: number, ellipsis: boolean): string {
  const chars = [...value];
  if (chars.length <= max) return value;
  return ellipsis ? `${chars.slice(0, max - 1).join('')}…` : chars.slice(0, max).join('');
}

/** One field's value, cut or formatted for its type. `source` is a fact name or "text:…" literal. */
export function fieldValue(key: string, source: string, facts: NotificationFacts, timeZone: string): string {
  const type = fieldType(key);
  if (type === 'time' || type === 'date') {
    // Always the event's time: a time field holds nothing else (24 h clock, §3.4).
    return type === 'time' ? localDateTime(facts.at, timeZone) : localDate(facts.at, timeZone);
  }
  const raw = source.startsWith('text:')
    ? source.slice(5)
    : source === 'time'
      ? localDateTime(facts.at, timeZone)
      : facts[source as Exclude<FactName, 'time'>];
  const text = raw.replace(/\s+/g, ' ').trim();
  if (type === 'name') return cut(text, /^[\x20-\x7e]*$/.test(text) ? 20 : 10, false);
  // Only free text may end in "…"; codes, numbers and phrases are cut clean (an ellipsis is not a digit).
  return cut(text, LIMITS[type] ?? DEFAULT_LIMIT, type === 'thing');
}

/** The `data` object of subscribe/send: `{ thing1: { value } , … }`. */
export function subscribeData(
  fields: Record<string, string>,
  facts: NotificationFacts,
  timeZone: string,
): Record<string, { value: string }> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, source]) => [key, { value: fieldValue(key, source, facts, timeZone) }]),
  );
}
