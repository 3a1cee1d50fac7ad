// A small S3-compatible server for tests on 127.0.0.1: the multipart subset the uploader uses
// (CreateMultipartUpload, UploadPart, CompleteMultipartUpload) plus GetObject to read results back.
// Written here rather than taking s3rver (unmaintained since 2021, a large dependency tree): the
// tests need to see every part that arrives and to cut a connection in the middle of a part, which
// a server of our own makes one line. Signatures are not verified; the access key id is.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface PartArrival {
  key: string;
  partNo: number;
  bytes: number;
}

export interface TestS3 {
  url: string;
  /** Every part received in full, in order. */
  arrivals: PartArrival[];
  objects: Map<string, { data: Buffer; contentType: string | undefined }>;
  /** Cut the connection after `afterBytes` of the next UploadPart whose number is `partNo`. */
  dropNextPart(partNo: number, afterBytes: number): void;
  close(): Promise<void>;
}

interface Upload {
  key: string;
  contentType: string | undefined;
  parts: Map<number, Buffer>;
}

const xml = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
};
const s3Error = (res: ServerResponse, status: number, code: string, message: string) =>
  xml(res, status, `<Error><Code>${code}</Code><Message>${message}</Message></Error>`);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startTestS3(opts: { bucket: string; accessKeyId: string }): Promise<TestS3> {
  const uploads = new Map<string, Upload>();
  const objects = new Map<string, { data: Buffer; contentType: string | undefined }>();
  const arrivals: PartArrival[] = [];
  let drop: { partNo: number; afterBytes: number } | null = null;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://s3');
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    if (!(req.headers.authorization ?? '').includes(`Credential=${opts.accessKeyId}/`))
      return s3Error(res, 403, 'InvalidAccessKeyId', 'unknown access key');
    if (bucket !== opts.bucket) return s3Error(res, 404, 'NoSuchBucket', `no bucket ${bucket}`);
    const q = url.searchParams;
    if (req.method === 'POST' && q.has('uploads')) {
      const id = randomUUID();
      uploads.set(id, { key, contentType: req.headers['content-type'], parts: new Map() });
      await readBody(req);
      return xml(
        res,
        200,
        `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    if (req.method === 'PUT' && q.has('partNumber')) {
      const up = uploads.get(q.get('uploadId') ?? '');
      if (!up) return s3Error(res, 404, 'NoSuchUpload', 'the upload does not exist');
      const partNo = Number(q.get('partNumber'));
      if (drop && drop.partNo === partNo) {
        const cut = drop;
        drop = null;
        let seen = 0;
        req.on('data', (c: Buffer) => {
          seen += c.length;
          if (seen >= cut.afterBytes) req.socket.destroy();
        });
        return;
      }
      const data = await readBody(req);
      up.parts.set(partNo, data);
      arrivals.push({ key, partNo, bytes: data.length });
      res.writeHead(200, { etag: `"${createHash('md5').update(data).digest('hex')}"` });
      return res.end();
    }
    if (req.method === 'POST' && q.has('uploadId')) {
      const up = uploads.get(q.get('uploadId')!);
      if (!up) return s3Error(res, 404, 'NoSuchUpload', 'the upload does not exist');
      const body = (await readBody(req)).toString();
      const numbers = [...body.matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
      const missing = numbers.filter((n) => !up.parts.has(n));
      if (missing.length > 0) return s3Error(res, 400, 'InvalidPart', `parts ${missing.join(',')} not uploaded`);
      objects.set(key, { data: Buffer.concat(numbers.map((n) => up.parts.get(n)!)), contentType: up.contentType });
      uploads.delete(q.get('uploadId')!);
      return xml(
        res,
        200,
        `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"x"</ETag></CompleteMultipartUploadResult>`,
      );
    }
    if (req.method === 'GET') {
      const o = objects.get(key);
      if (!o) return s3Error(res, 404, 'NoSuchKey', 'no such key');
      res.writeHead(200, { 'content-type': o.contentType ?? 'application/octet-stream' });
      return res.end(o.data);
    }
    return s3Error(res, 400, 'NotImplemented', `${req.method} ${url.search} is not in the test subset`);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => s3Error(res, 500, 'InternalError', String(err)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    objects,
    dropNextPart: (partNo, afterBytes) => (drop = { partNo, afterBytes }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
