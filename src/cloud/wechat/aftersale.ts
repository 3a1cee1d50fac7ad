// After-sale cases and complaint proof (wechat-api-2.md §6). getaftersaleorder is documented [S27];
// the image upload and addcomplaintproof are UNCONFIRMED — taken from the third-party SDK
// zsmhub/wx-channels-sdk — so their paths come from the shop's `afterSaleProof` settings.
import { z } from 'zod';
import type { WechatApp, WechatCaller } from './client.js';
import type { UploadFile } from './http.js';

const id = z.union([z.string(), z.number()]).transform(String);

const afterSaleOrderSchema = z.object({
  after_sale_order: z.object({
    after_sale_order_id: id.optional(),
    status: z.string().default(''),
    order_id: id,
    type: z.string().default(''),
    reason: z.string().default(''),
    reason_text: z.string().default(''),
    /** UNCONFIRMED field: the SDK's complaint APIs take a complaint_id; no documented source names it. */
    complaint_id: id.optional(),
  }),
});

export interface AfterSaleOrder {
  afterSaleOrderId: string;
  orderId: string;
  status: string;
  type: string;
  /** reason_text when WeChat gives one, else the reason code. */
  reason: string;
  complaintId: string | null;
}

export async function getAfterSaleOrder(app: WechatCaller, afterSaleOrderId: string): Promise<AfterSaleOrder> {
  const reply = await app.call<unknown>('/channels/ec/aftersale/getaftersaleorder', {
    after_sale_order_id: afterSaleOrderId,
  });
  const o = afterSaleOrderSchema.parse(reply).after_sale_order;
  return {
    afterSaleOrderId,
    orderId: o.order_id,
    status: o.status,
    type: o.type,
    reason: o.reason_text || o.reason,
    complaintId: o.complaint_id ?? null,
  };
}

export interface ProofPaths {
  uploadPath: string;
  proofPath: string;
}

const uploadReplySchema = z.object({ pic_file: z.object({ media_id: z.string().min(1) }) });

/** Uploads one image (multipart field `media`) and returns its media_id. */
export async function uploadProofImage(app: WechatApp, paths: ProofPaths, file: UploadFile): Promise<string> {
  const reply = await app.upload<unknown>(paths.uploadPath, 'media', file);
  return uploadReplySchema.parse(reply).pic_file.media_id;
}

export async function addComplaintProof(
  app: WechatCaller,
  paths: ProofPaths,
  proof: { complaintId: string; content: string; mediaIds: string[] },
): Promise<void> {
  await app.call(paths.proofPath, {
    complaint_id: proof.complaintId,
    content: proof.content,
    media_id_list: proof.mediaIds,
  });
}
