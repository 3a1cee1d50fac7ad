// Statistics for supervisors: the admin token, or a station's token (a supervisor at a desk sees
// every station through the desk's connection).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATS_DIMENSIONS, type StatsDimension } from '../../contract/stats.js';
import { statsToCsv } from '../../domain/stats/compute.js';
import { bearerToken } from '../auth.js';
import { adminCheck, stationFor } from '../station-auth.js';
import type { HubContext } from '../context.js';
import { hubStats, statsExport, supervisorView } from '../services/stats.js';
import { writeXlsx } from '../../base/node/xlsx.js';
import { EXPORT_LANGS, exportTableCsv, xlsxSheet, type ExportLang } from '../../domain/stats/export-table.js';
import { fail } from './errors.js';

const DAY = 86_400_000;

function range(q: Record<string, unknown>, now: number): { from: number; to: number } | string {
  const from = q.from === undefined ? now - DAY : Number(q.from);
  const to = q.to === undefined ? now + 1 : Number(q.to);
  if (!Number.isInteger(from) || !Number.isInteger(to) || to <= from)
    return `from/to: expected epoch milliseconds with from < to, got from=${String(q.from)} to=${String(q.to)}`;
  if (to - from > 400 * DAY) return 'from/to: at most 400 days at once';
  return { from, to };
}

/** `by=station,hour;layout` → [['station','hour'],['layout']]. */
function groupings(raw: unknown): StatsDimension[][] | string {
  const text = typeof raw === 'string' && raw ? raw : 'station;packer;layout;hour';
  const out: StatsDimension[][] = [];
  for (const part of text.split(';')) {
    const dims = part.split(',').filter(Boolean);
    const bad = dims.find((d) => !(STATS_DIMENSIONS as readonly string[]).includes(d));
    if (bad) return `by: "${bad}" is not one of ${STATS_DIMENSIONS.join(', ')}`;
    out.push(dims as StatsDimension[]);
  }
  return out;
}

export function statsRoutes(root: FastifyInstance, ctx: HubContext): void {
  const isAdmin = adminCheck(ctx.config);
  const authenticate = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!bearerToken(req.headers.authorization)) return fail(reply, 401, 'unauthorized', 'missing bearer token');
    if (isAdmin?.(req.headers.authorization)) return;
    const who = await stationFor(ctx, req.headers.authorization);
    if ('refused' in who) return fail(reply, 401, 'unauthorized', who.refused);
  };
  root.register(async (app) => {
    app.addHook('onRequest', authenticate);
    app.get('/v1/stats', async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const r = range(q, ctx.now());
      const g = groupings(q.by);
      if (typeof r === 'string') return fail(reply, 400, 'bad_request', r);
      if (typeof g === 'string') return fail(reply, 400, 'bad_request', g);
      return hubStats(ctx, r.from, r.to, g);
    });
    app.get('/v1/stats.csv', async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const r = range(q, ctx.now());
      const g = groupings(q.by ?? 'station');
      if (typeof r === 'string') return fail(reply, 400, 'bad_request', r);
      if (typeof g === 'string') return fail(reply, 400, 'bad_request', g);
      const csv = statsToCsv(await hubStats(ctx, r.from, r.to, g.slice(0, 1)), 0);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="packdesk-${(g[0] ?? []).join('-')}.csv"`)
        .send(csv);
    });
    // The spreadsheet export (README "Statistics export"): headers in `lang`, names beside ids, minutes
    // and yuan. format=table is the same table as JSON, for a desk that writes the file itself.
    app.get('/v1/stats/export', async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const r = range(q, ctx.now());
      const g = groupings(q.by ?? 'station');
      if (typeof r === 'string') return fail(reply, 400, 'bad_request', r);
      if (typeof g === 'string') return fail(reply, 400, 'bad_request', g);
      const format = typeof q.format === 'string' ? q.format : 'xlsx';
      if (format !== 'xlsx' && format !== 'csv' && format !== 'table')
        return fail(reply, 400, 'bad_request', `format: expected xlsx, csv or table, got ${format}`);
      const lang = typeof q.lang === 'string' ? q.lang : 'zh-CN';
      if (!(EXPORT_LANGS as readonly string[]).includes(lang))
        return fail(reply, 400, 'bad_request', `lang: expected ${EXPORT_LANGS.join(' or ')}, got ${lang}`);
      const by = g[0] ?? ['station'];
      const table = await statsExport(ctx, r.from, r.to, by, lang as ExportLang);
      if (format === 'table') return table;
      const name = `packdesk-${by.join('-')}`;
      if (format === 'csv')
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            // A byte-order mark, or Excel opens UTF-8 as the ANSI code page and garbles the Chinese headers.
            .send(`\uFEFF${exportTableCsv(table)}`)
        );
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await writeXlsx(xlsxSheet(table, name)));
    });
    app.get('/v1/stats/supervisor', async (req, reply) => {
      const r = range(req.query as Record<string, unknown>, ctx.now());
      if (typeof r === 'string') return fail(reply, 400, 'bad_request', r);
      return supervisorView(ctx, r.from, r.to);
    });
  });
}
