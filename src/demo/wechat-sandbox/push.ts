// Order push events (wechat-api.md §2.8), rendered the way WeChat sends them. In JSON the order id is
// a bare number above 2^53 — exactly what breaks a receiver that uses plain JSON.parse — and in XML
// strings are CDATA sections while numbers are bare. A shop with push settings gets them the way
// production does (wechat-api-2.md §10): encrypted JSON in {"ToUserName","Encrypt"}, signed with
// msg_signature in the query. Written here independently of the hub's decryption, so the two check
// each other.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';

export interface PushEvent {
  Event: string;
  order_id: string;
  extra?: Record<string, unknown>;
}

export interface PushEnvelope {
  ToUserName: string;
  FromUserName: string;
  CreateTime: number;
  MsgType: 'event';
  Event: string;
  order_info: Record<string, unknown>;
}

export interface PushResult {
  status: number;
  body: string;
  ms: number;
}

/** §2.8: WeChat waits 5 s for "success" before it counts the push as failed and retries. */
const PUSH_TIMEOUT_MS = 5_000;
const SENTINEL = '\u0000order_id\u0000';

export function pushEnvelope(event: PushEvent, fromUser: string, createTime: number): PushEnvelope {
  if (!/^\d+$/.test(event.order_id))
    throw new TypeError(`order_id must be a digit string, got ${JSON.stringify(event.order_id)}`);
  if (event.extra && 'order_id' in event.extra) throw new TypeError('extra must not carry order_id');
  return {
    ToUserName: 'gh_fakeshop0001',
    FromUserName: fromUser,
    CreateTime: createTime,
    MsgType: 'event',
    Event: event.Event,
    order_info: { order_id: event.order_id, ...event.extra },
  };
}

export function pushJson(env: PushEnvelope): string {
  const withSentinel = { ...env, order_info: { ...env.order_info, order_id: SENTINEL } };
  const orderId = String(env.order_info['order_id']);
  return JSON.stringify(withSentinel).replace(JSON.stringify(SENTINEL), orderId);
}

export function pushXml(env: PushEnvelope): string {
  return `<xml>${Object.entries(env)
    .map(([k, v]) => xmlNode(k, v))
    .join('')}</xml>`;
}

function xmlNode(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => xmlNode(name, v)).join('');
  if (typeof value === 'object' && value !== null) {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => xmlNode(k, v))
      .join('')}</${name}>`;
  }
  // Order ids travel as digit strings here but are numbers on the wire, like every number in the push.
  if (
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean' ||
    (typeof value === 'string' && name === 'order_id')
  ) {
    return `<${name}>${String(value)}</${name}>`;
  }
  const text = (typeof value === 'string' ? value : '').replaceAll(']]>', ']]]]><![CDATA[>');
  return `<${name}><![CDATA[${text}]]></${name}>`;
}

export interface PushSecrets {
  token: string;
  encodingAesKey: string;
  appid: string;
}

/** WXBizMsgCrypt: 16 random bytes ‖ length ‖ message ‖ appid, PKCS#7 to 32 bytes, AES-256-CBC. */
export function encryptPush(secrets: PushSecrets, message: string, random = randomBytes(16)): string {
  const key = Buffer.from(`${secrets.encodingAesKey}=`, 'base64');
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const body = Buffer.concat([random, len, msg, Buffer.from(secrets.appid, 'utf8')]);
  const pad = 32 - (body.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([body, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
    'base64',
  );
}

/** The secure-mode request: envelope body and the signed query string. */
export function securePush(
  secrets: PushSecrets,
  message: string,
  timestampS: number,
  nonce = randomBytes(6).toString('hex'),
): { body: string; query: string } {
  const encrypt = encryptPush(secrets, message);
  const sign = (parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
  const timestamp = String(timestampS);
  const query = new URLSearchParams({
    timestamp,
    nonce,
    encrypt_type: 'aes',
    signature: sign([secrets.token, timestamp, nonce]),
    msg_signature: sign([secrets.token, timestamp, nonce, encrypt]),
  });
  return { body: JSON.stringify({ ToUserName: 'gh_fakeshop0001', Encrypt: encrypt }), query: query.toString() };
}

/** POSTs one push; a receiver that does not answer within 5 s gets status 0, as WeChat gives up. */
export async function sendPush(url: string, body: string, format: 'json' | 'xml'): Promise<PushResult> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': format === 'json' ? 'application/json' : 'text/xml' },
      body,
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    });
    const text = await res.text();
    return { status: res.status, body: text, ms: performance.now() - started };
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError')
      return { status: 0, body: '', ms: performance.now() - started };
    throw err;
  }
}
