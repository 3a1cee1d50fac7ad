// The hub as the target (station token): begin tells which parts the hub holds already, parts go
// as raw bytes, complete makes the hub join them and check the file against its hash chain.
import { Readable } from 'node:stream';
import type { z } from 'zod';
import {
  uploadCompleteSchema,
  uploadDoneSchema,
  uploadPartSchema,
  uploadStateSchema,
  type UploadBegin,
} from '../../../../contract/video-upload.js';
import { UploadGoneError, UploadRefusedError, type UploadObject, type UploadTarget } from './target.js';

const TIMEOUT_MS = 120_000;

export class HubTarget implements UploadTarget {
  readonly name = 'hub' as const;

  constructor(
    private readonly hub: { url: string; token: string },
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async begin(o: UploadObject): Promise<{ uploadId: string; received: number[] }> {
    const body: UploadBegin = {
      packId: o.packId,
      fileId: o.fileId,
      orderId: o.orderId,
      waybills: o.waybills,
      name: o.name,
      kind: o.kind,
      bytes: o.bytes,
      sha256: o.sha256,
      partBytes: o.partBytes,
    };
    const state = await this.request('/v1/video/uploads', 'POST', JSON.stringify(body), uploadStateSchema, 'json');
    return { uploadId: state.uploadId, received: state.received };
  }

  async putPart(_o: UploadObject, uploadId: string, partNo: number, body: Readable, length: number): Promise<string> {
    const r = await this.request(
      `/v1/video/uploads/${encodeURIComponent(uploadId)}/parts/${partNo}`,
      'PUT',
      Readable.toWeb(body) as ReadableStream,
      uploadPartSchema,
      'octet-stream',
      length,
    );
    return r.sha256;
  }

  async complete(_o: UploadObject, uploadId: string, parts: { partNo: number; etag: string }[]): Promise<void> {
    await this.request(
      `/v1/video/uploads/${encodeURIComponent(uploadId)}/complete`,
      'POST',
      JSON.stringify(uploadCompleteSchema.parse({ parts: parts.length })),
      uploadDoneSchema,
      'json',
    );
  }

  private async request<T>(
    path: string,
    method: string,
    body: string | ReadableStream,
    schema: z.ZodType<T>,
    type: 'json' | 'octet-stream',
    length?: number,
  ): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.hub.token}`,
      'content-type': type === 'json' ? 'application/json' : 'application/octet-stream',
    };
    if (length !== undefined) headers['content-length'] = String(length);
    const res = await this.fetchFn(new URL(path, this.hub.url), {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      ...(typeof body === 'string' ? {} : { duplex: 'half' }),
    });
    const text = await res.text();
    if (!res.ok) {
      const message = `hub ${method} ${path}: ${res.status} ${text.slice(0, 300)}`;
      if (res.status === 404) throw new UploadGoneError(message);
      if (res.status === 401 || res.status === 403 || res.status === 413 || res.status === 422)
        throw new UploadRefusedError(message);
      throw new Error(message);
    }
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`hub ${method} ${path}: unexpected answer ${text.slice(0, 200)}`);
    return parsed.data;
  }
}
