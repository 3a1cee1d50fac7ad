// Subscribe messages (subscribe/send, wechat-api-2.md §3.4 [S30][P6]): one consent lets the app send
// one message of that template to that user (43101 otherwise), and every value must fit its field
// type (47003 naming the field). Tests give consents with `consent()` and read what was sent.
import { type Body, WxError, formatError, isObject, reqString } from './wire.js';

export interface SentMessage {
  touser: string;
  templateId: string;
  page: string | null;
  data: Record<string, string>;
}

/** Characters per field type; `name` is 10 Chinese or 20 Latin. */
const LIMITS: Record<string, number> = {
  thing: 20,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phrase: 5,
  phone_number: 17,
  car_number: 8,
};

function fieldError(key: string, value: string): string | null {
  const type = key.replace(/\d+$/, '');
  const length = [...value].length;
  if (type === 'time' || type === 'date') {
    const ok =
      type === 'date'
        ? /^\d{4}-\d{2}-\d{2}$/.test(value)
        : /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?( ~ \d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?)?$/.test(value);
    return ok ? null : 'not a 24-hour time';
  }
  if (type === 'name') return length > (/^[\x20-\x7e]*$/.test(value) ? 20 : 10) ? 'too long' : null;
  if (type === 'character_string' && !/^[\x21-\x7e]*$/.test(value)) return 'only letters, digits and symbols';
  if (type === 'number' && !/^[\d.]*$/.test(value)) return 'only digits';
  const max = LIMITS[type] ?? 20;
  return length > max ? `longer than ${max}` : null;
}

export class SubscribeMessages {
  private readonly consents = new Map<string, number>();
  private readonly log: SentMessage[] = [];

  /** The user tapped "allow" `times` times for this template (one message each). */
  consent(openid: string, templateId: string, times = 1): void {
    const k = `${openid}\u0000${templateId}`;
    this.consents.set(k, (this.consents.get(k) ?? 0) + times);
  }

  sent(openid?: string): SentMessage[] {
    return this.log.filter((m) => openid === undefined || m.touser === openid).map((m) => structuredClone(m));
  }

  send(body: Body): Record<string, unknown> {
    const touser = reqString(body, 'touser');
    const templateId = reqString(body, 'template_id');
    const data = body['data'];
    if (!isObject(data)) throw formatError('data must be an object');
    const values: Record<string, string> = {};
    for (const [key, v] of Object.entries(data)) {
      const value = isObject(v) && typeof v['value'] === 'string' ? v['value'] : null;
      if (value === null) throw formatError(`data.${key}.value must be a string`);
      const bad = fieldError(key, value);
      if (bad) throw new WxError(47003, `argument invalid! data.${key}.value ${bad}`);
      values[key] = value;
    }
    const k = `${touser}\u0000${templateId}`;
    const left = this.consents.get(k) ?? 0;
    if (left <= 0) throw new WxError(43101, 'user refuse to accept the msg');
    this.consents.set(k, left - 1);
    const page = typeof body['page'] === 'string' ? body['page'] : null;
    this.log.push({ touser, templateId, page, data: values });
    return {};
  }
}
