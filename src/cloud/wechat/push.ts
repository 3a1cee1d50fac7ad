// Channels order push events (消息推送), JSON or XML, wechat-api.md §2.8. Events are hints: the
// hub acks "success" within 5 s and re-reads the order. Delivery is at-least-once (up to 10
// pushes over ~3.6 h), so every event gets a dedupe key.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseWechatJson } from './http.js';

export interface PushEvent {
  event: string;
  /** Exact, as a string: pushes carry it as a JSON number above 2^53 (§2.8). */
  orderId: string;
  /** Unix seconds (CreateTime). */
  createTime: number;
  /** The other scalar fields of the payload block (pay_time, cancel_type, finish_delivery, type, …), as strings; nested keys joined with ".". */
  extra: Record<string, string>;
}

export class PushParseError extends Error {
  override readonly name = 'PushParseError';
}

// Every value stays a string: no number parsing (ids!), no attribute handling. CDATA is merged
// into the text by default.
const xml = new XMLParser({
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  trimValues: true,
});

/**
 * Parse a push body. The content type picks the format (WeChat sends JSON or XML depending on the
 * shop's setting); an unhelpful one (text/plain, empty) falls back to the first character.
 */
export function parsePushEvent(contentType: string, raw: string): PushEvent {
  const ct = contentType.toLowerCase();
  const first = raw.trimStart()[0];
  const format = ct.includes('json')
    ? 'json'
    : ct.includes('xml')
      ? 'xml'
      : first === '{'
        ? 'json'
        : first === '<'
          ? 'xml'
          : null;
  if (format === null)
    throw new PushParseError(`push body is neither JSON nor XML (content-type ${JSON.stringify(contentType)})`);
  return fromEnvelope(format === 'json' ? parseJson(raw) : parseXml(raw), format);
}

/** Same event re-pushed → same key. Retries are byte-identical, CreateTime included (§2.8). */
export function pushDedupeKey(e: PushEvent): string {
  const extra = Object.keys(e.extra)
    .sort()
    .map((k) => `${k}=${e.extra[k] ?? ''}`)
    .join('&');
  return `${e.event}:${e.orderId}:${e.createTime}${extra ? `:${extra}` : ''}`;
}

function parseJson(raw: string): Record<string, unknown> {
  let v: unknown;
  try {
    // Quotes integer literals of 16+ digits first, so order_id never passes through a double.
    v = parseWechatJson(raw);
  } catch (err) {
    throw new PushParseError(`push JSON is malformed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isRecord(v)) throw new PushParseError('push JSON is not an object');
  return v;
}

function parseXml(raw: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- fast-xml-validator would be a new dependency; this one still works
  const valid = XMLValidator.validate(raw);
  if (valid !== true) throw new PushParseError(`push XML is malformed: ${valid.err.msg} (line ${valid.err.line})`);
  const doc: unknown = xml.parse(raw);
  const root = isRecord(doc) ? doc['xml'] : undefined;
  if (!isRecord(root)) throw new PushParseError('push XML has no <xml> root element');
  return root;
}

function fromEnvelope(env: Record<string, unknown>, format: string): PushEvent {
  const event = env['Event'];
  if (typeof event !== 'string' || event === '') throw new PushParseError(`push ${format} has no Event`);
  const createTime = Number(env['CreateTime']);
  if (!Number.isInteger(createTime) || createTime <= 0)
    throw new PushParseError(`push ${event}: CreateTime ${JSON.stringify(env['CreateTime'])} is not a Unix time`);
  const block = payloadBlock(env);
  if (!block)
    throw new PushParseError(`push ${event}: no order_id (looked in order_info and the other payload blocks)`);
  const orderId = idOf(block['order_id']);
  if (orderId === null)
    throw new PushParseError(`push ${event}: order_id ${JSON.stringify(block['order_id'])} is not an exact id`);
  const extra: Record<string, string> = {};
  flatten(block, '', extra);
  delete extra['order_id'];
  return { event, orderId, createTime, extra };
}

/**
 * The block holding order_id: `order_info` for order events (§2.8). After-sale events carry a
 * differently named block (payload UNCONFIRMED, §8), so any other object with an order_id is
 * accepted too.
 */
function payloadBlock(env: Record<string, unknown>): Record<string, unknown> | null {
  const info = env['order_info'];
  if (isRecord(info) && info['order_id'] !== undefined) return info;
  for (const v of Object.values(env)) if (isRecord(v) && v['order_id'] !== undefined) return v;
  return null;
}

function idOf(v: unknown): string | null {
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return v.trim();
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  return null;
}

function flatten(v: Record<string, unknown>, prefix: string, out: Record<string, string>): void {
  for (const [k, x] of Object.entries(v)) {
    const key = prefix + k;
    if (isRecord(x)) flatten(x, `${key}.`, out);
    else if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[key] = String(x);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
