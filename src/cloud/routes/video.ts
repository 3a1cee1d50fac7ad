// Packing-video evidence endpoints. Station token: resumable chunked uploads
// (POST /v1/video/uploads → PUT …/parts/:n → POST …/complete). Admin token: a supervisor anywhere
// finds an order's or waybill's files (GET /v1/admin/video/:code) and downloads one
// (GET /v1/admin/video/files/:id). README "Packing video", Upload.
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  uploadBeginSchema,
  uploadCompleteSchema,
  VIDEO_UPLOAD_MAX_PART,
  type HubVideoResult,
} from '../../contract/video-upload.js';
import { formatProblems } from '../../contract/validation.js';
import type { HubContext } from '../context.js';
import { VideoEvidence, UploadProblem } from '../services/video-uploads.js';
import { adminCheck } from '../station-auth.js';
import { fail } from './errors.js';
import { stationOnly } from './guards.js';

const CONTENT_TYPES: Record<string, string> = {
  clip: 'video/mp4',
  still: 'image/jpeg',
  manifest: 'application/json',
};

export function videoRoutes(app: FastifyInstance, ctx: HubContext, dir: string): VideoEvidence {
  const evidence = new VideoEvidence(ctx, dir);
  const answer = async (reply: FastifyReply, work: () => Promise<unknown>) => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof UploadProblem)
        return fail(reply, err.status, err.status === 404 ? 'not_found' : 'bad_request', err.message);
      throw err;
    }
  };

  // Station side: its own scope, so raw part bodies (octet-stream, up to the largest part) are
  // accepted here and nowhere else.
  app.register(async (scope) => {
    const { hook, stationOf } = stationOnly(ctx);
    scope.addHook('onRequest', hook);
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: VIDEO_UPLOAD_MAX_PART },
      (_req, body, done) => done(null, body),
    );

    scope.post('/v1/video/uploads', async (req, reply) => {
      const body = uploadBeginSchema.safeParse(req.body);
      if (!body.success) return fail(reply, 400, 'bad_request', formatProblems('upload', body.error, req.body));
      return answer(reply, () => evidence.begin(stationOf(req).id, body.data));
    });

    scope.put('/v1/video/uploads/:id/parts/:partNo', async (req, reply) => {
      const { id, partNo } = req.params as { id: string; partNo: string };
      if (!/^[1-9]\d{0,4}$/.test(partNo))
        return fail(reply, 400, 'bad_request', `part number "${partNo}": expected 1–99999`);
      if (!Buffer.isBuffer(req.body))
        return fail(reply, 400, 'bad_request', 'a part is sent as Content-Type: application/octet-stream');
      return answer(reply, () => evidence.putPart(stationOf(req).id, id, Number(partNo), req.body as Buffer));
    });

    scope.post('/v1/video/uploads/:id/complete', async (req, reply) => {
      const { id } = req.params as { id: string };
      const body = uploadCompleteSchema.safeParse(req.body);
      if (!body.success) return fail(reply, 400, 'bad_request', formatProblems('complete', body.error, req.body));
      return answer(reply, () => evidence.complete(stationOf(req).id, id, body.data.parts));
    });
  });

  app.register(async (scope) => {
    const isAdmin = adminCheck(ctx.config);
    scope.addHook('onRequest', async (req, reply) => {
      if (!isAdmin)
        return fail(reply, 403, 'forbidden', 'no admin token is configured (hub.adminToken); admin endpoints are off');
      if (!isAdmin(req.headers.authorization)) return fail(reply, 401, 'unauthorized', 'missing or wrong admin token');
    });

    scope.get('/v1/admin/video/files/:id', async (req, reply) => {
      const { id } = req.params as { id: string };
      const f = await evidence.file(id);
      if (!f) return fail(reply, 404, 'not_found', `no uploaded video file ${id}`);
      const name = `${f.orderId}-${f.name}`.replace(/[^A-Za-z0-9_.-]/g, '_');
      return reply
        .type(CONTENT_TYPES[f.kind] ?? 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-sha256', f.sha256)
        .send(evidence.stream(f.path!));
    });

    scope.get('/v1/admin/video/:code', async (req): Promise<HubVideoResult> => {
      const { code } = req.params as { code: string };
      return { code, files: await evidence.find(code.trim()) };
    });
  });
  return evidence;
}
