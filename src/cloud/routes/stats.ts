// Statistics for supervisors: the admin token, or a station's token (a supervisor at a desk sees
// every station through the desk's connection).
import type { FastifyInstance } from 'fastify';
import { STATS_DIMENSIONS } from '../../contract/stats.js';
import { statsToCsv } from '../../domain/stats/compute.js';
import type { HubContext } from '../context.js';
import { hubStats, statsExport, supervisorView } from '../services/stats.js';
import { statsResultChunks } from '../services/stats-json.js';
import { Readable } from 'node:stream';
import { writeXlsx } from '../../base/node/xlsx.js';
import { EXPORT_LANGS, exportTableCsv, xlsxSheet, type ExportLang } from '../../domain/stats/export-table.js';
import { fail } from './errors.js';
import { statsGroupings, statsRange } from './stats-query.js';
import { adminOrStation } from './guards.js';

const DAY = 86_400_000;

export function statsRoutes(root: FastifyInstance, ctx: HubContext): void {
  const authenticate = adminOrStation(ctx);
  root.register(async (app) => {
    app.addHook('onRequest', authenticate);
    app.get('/v1/stats', async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const r = statsRange(q, ctx.now(), DAY);
      const g = statsGroupings(q.by, STATS_DIMENSIONS, 'station;packer;layout;hour');
      if (typeof r === 'string') return fail(reply, 400, 'bad_request', r);
      if (typeof g === 'string') return fail(reply, 400, 'bad_request', g);
      // Written here rather than by Fastify: a year by hour's groups are kept with their bytes.
      const chunks = statsResultChunks(await hubStats(ctx, r.from, r.to, g));
      return reply
        .type('application/json; charset=utf-8')
        .header(
          'content-length',
          chunks.reduce((n, c) => n + c.length, 0),
        )
        .send(Readable.from(chunks, { objectMode: false }));
    });
    app.get('/v1/stats.csv', async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const r = statsRange(q, ctx.now(), DAY);
      const g = statsGroupings(q.by ?? 'station', STATS_DIMENSIONS, 'station;packer;layout;hour');
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
      const r = statsRange(q, ctx.now(), DAY);
      const g = statsGroupings(q.by ?? 'station', STATS_DIMENSIONS, 'station;packer;layout;hour');
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
      const r = statsRange(req.query as Record<string, unknown>, ctx.now(), DAY);
      if (typeof r === 'string') return fail(reply, 400, 'bad_request', r);
      return supervisorView(ctx, r.from, r.to);
    });
  });
}
