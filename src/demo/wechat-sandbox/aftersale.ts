// After-sale cases and complaint proof (wechat-api-2.md §6): getaftersaleorder as documented [S27];
// the image upload and addcomplaintproof as the third-party SDK zsmhub/wx-channels-sdk describes
// them (UNCONFIRMED upstream). The fake keeps what it received so tests can check the proof.
import { createHash } from 'node:crypto';
import { WxError, formatError, isObject, type Body } from './wire.js';

export interface FakeAfterSale {
  after_sale_order_id: string;
  order_id: string;
  status: string;
  type: 'REFUND' | 'RETURN';
  reason: string;
  reason_text: string;
  /** Only when set: whether WeChat's after-sale order carries one is UNCONFIRMED. */
  complaint_id?: string;
}

export interface ReceivedImage {
  mediaId: string;
  fileName: string;
  contentType: string;
  /** SHA-256 of the part's content as received (the fake reads bodies as UTF-8 text). */
  sha256: string;
}

export interface ReceivedProof {
  complaint_id: string;
  content: string;
  media_id_list: string[];
}

/** 9410001-ish: the SDK names no code for an unknown case; any non-zero answer is what a client sees. */
const NO_SUCH_CASE = 9_410_001;

export class AfterSales {
  private readonly cases = new Map<string, FakeAfterSale>();
  private readonly images: ReceivedImage[] = [];
  private readonly proofs: ReceivedProof[] = [];

  add(c: FakeAfterSale): void {
    this.cases.set(c.after_sale_order_id, { ...c });
  }

  get(body: Body): Body {
    const raw = body['after_sale_order_id'];
    const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
    const c = this.cases.get(id);
    if (!c) throw new WxError(NO_SUCH_CASE, `after_sale_order_id ${id} not found`);
    return { after_sale_order: { ...c, create_time: 0, update_time: 0 } };
  }

  /** The parsed multipart body (see parseMultipart): one file in field `media`. */
  uploadImage(body: Body): Body {
    const media = body['media'];
    if (!isObject(media)) throw formatError('multipart field media is missing');
    const mediaId = `fake_media_${this.images.length + 1}`;
    this.images.push({
      mediaId,
      fileName: String(media['filename']),
      contentType: String(media['contentType']),
      sha256: String(media['sha256']),
    });
    return { pic_file: { media_id: mediaId } };
  }

  addComplaintProof(body: Body): Body {
    const list = body['media_id_list'];
    if (typeof body['complaint_id'] !== 'string' || !Array.isArray(list) || typeof body['content'] !== 'string')
      throw formatError('complaint_id, content and media_id_list are required');
    const known = new Set(this.images.map((i) => i.mediaId));
    const ids = list.map(String);
    if (ids.length === 0 || ids.some((m) => !known.has(m))) throw formatError('media_id_list names an unknown image');
    this.proofs.push({ complaint_id: body['complaint_id'], content: body['content'], media_id_list: ids });
    return {};
  }

  receivedImages(): ReceivedImage[] {
    return this.images.map((i) => ({ ...i }));
  }

  receivedProofs(): ReceivedProof[] {
    return this.proofs.map((p) => ({ ...p, media_id_list: [...p.media_id_list] }));
  }
}

/**
 * multipart/form-data as text: each part's name, file name, content type and a digest of its
 * content. The boundary is the body's first line (the route sees no headers).
 */
export function parseMultipart(raw: string): Body {
  const boundary = raw.slice(0, raw.indexOf('\r\n'));
  if (!boundary.startsWith('--')) throw new Error('not a multipart body');
  const out: Body = {};
  for (const part of raw.split(boundary).slice(1)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /name="([^"]*)"/.exec(head)?.[1];
    if (!name) continue;
    const content = part.slice(split + 4, part.endsWith('\r\n') ? -2 : undefined);
    out[name] = {
      filename: /filename="([^"]*)"/.exec(head)?.[1] ?? '',
      contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '',
      sha256: createHash('sha256').update(content).digest('hex'),
    };
  }
  return out;
}

/**
 * The after-sale push (wechat-api-2.md §6): `finder_shop_aftersale_status_update`, ids as bare JSON
 * numbers the way WeChat writes them.
 */
export function afterSalePushJson(c: FakeAfterSale, fromUser: string, createTime: number): string {
  const block = `{"status":${JSON.stringify(c.status)},"after_sale_order_id":${c.after_sale_order_id},"order_id":${c.order_id}}`;
  return (
    `{"ToUserName":"gh_fakeshop0001","FromUserName":${JSON.stringify(fromUser)},"CreateTime":${createTime},` +
    `"MsgType":"event","Event":"channels_ec_aftersale_update","finder_shop_aftersale_status_update":${block}}`
  );
}
