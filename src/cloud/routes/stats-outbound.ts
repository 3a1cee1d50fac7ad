// Outbound figures (issue 14 §4, README "Statistics"): GET /v1/stats/outbound for the admin or a
// station; format=csv or xlsx gives the first grouping as a spreadsheet like /v1/stats/export.
import type { FastifyInstance } from 'fastify';
import { OUTBOUND_DIMENSIONS } from '../../contract/tracking.js';
import { computeOutbound } from '../../domain/stats/outbound.js';
import { outboundExportTable } from '../../domain/stats/outbound-export.js';
import { EXPORT_LANGS, exportTableCsv, xlsxSheet, type ExportLang } from '../../domain/stats/export-table.js';
import { writeXlsx } from '../../base/node/xlsx.js';
import type { HubContext } from '../context.js';
import { outboundRows } from '../tracking/views.js';
import { fail } from './errors.js';
import { statsGroupings, statsRange } from './stats-query.js';
import { adminOrStation } from './guards.js';

const DAY = 86_400_000;

export function outboundStatsRoutes(root: FastifyInstance, ctx: HubContext): void {
  const authenticate = adminOrStation(ctx);
  root.register(async (app) => {
    app.addHook('onRequest', authenticate);
    app.get('/v1/stats/outbound', async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const r = statsRange(q, ctx.now(), 7 * DAY);
      const g = statsGroupings(q.by, OUTBOUND_DIMENSIONS, 'carrier;day;province');
      if (typeof r === 'string') return fail(reply, 400, 'bad_request', r);
      if (typeof g === 'string') return fail(reply, 400, 'bad_request', g);
      const format = typeof q.format === 'string' ? q.format : 'json';
      if (format !== 'json' && format !== 'csv' && format !== 'xlsx')
        return fail(reply, 400, 'bad_request', `format: expected json, csv or xlsx, got ${format}`);
      const lang = typeof q.lang === 'string' ? q.lang : 'zh-CN';
      if (!(EXPORT_LANGS as readonly string[]).includes(lang))
        return fail(reply, 400, 'bad_request', `lang: expected ${EXPORT_LANGS.join(' or ')}, got ${lang}`);
      const now = ctx.now();
      const rows = await ctx.store.tx((t) => outboundRows(t, ctx.config, r.from, r.to, now));
      const result = computeOutbound(rows, {
        from: r.from,
        to: r.to,
        timezone: ctx.config.stats.timezone,
        groupings: g,
      });
      if (format === 'json') return result;
      const table = outboundExportTable(result, 0, lang as ExportLang);
      const name = `packdesk-outbound-${(g[0] ?? []).join('-') || 'total'}`;
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(`\uFEFF${exportTableCsv(table)}`);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await writeXlsx(xlsxSheet(table, 'outbound')));
    });
  });
}
