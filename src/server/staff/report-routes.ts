/**
 * GET /staff/api/report?lang=vi|en&since=YYYY-MM-DD (role Staff.Content): the page of
 * `npm run report`, built now from the live records and content. It is shown in a frame
 * of the console's report tab under its own CSP: no script at all, styles inline, images
 * only as data: URLs, framed only by this site. Every text in it is escaped (core/report).
 */
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { staffTranslator } from '../../core/knowledge/checks';
import type { KnowledgeAnswerer } from '../../core/knowledge/load-answerer';
import type { RecordStore } from '../../core/records';
import { readReportRecords, reportPage, REPORT_TIME_ZONE, startOfDay } from '../../core/report';
import type { StaffGuard } from './guard';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

export interface ReportRouteDeps {
  guard: StaffGuard;
  records: RecordStore;
  /** The live knowledge base: names the entries and finds the nearest ones. */
  answerer: () => KnowledgeAnswerer;
  localesDir: string;
}

export function registerReportRoutes(server: Server, deps: ReportRouteDeps): void {
  server.get('/staff/api/report', deps.guard.require('Staff.Content'), async (req: Request, res: Response) => {
    const query = new URLSearchParams(req.getQuery());
    const lang = query.get('lang') === 'en' ? 'en' : 'vi';
    const given = query.get('since') ?? '';
    const since = /^\d{4}-\d{2}-\d{2}$/.test(given) ? given : undefined;
    const records = await readReportRecords(deps.records, since ? startOfDay(since, REPORT_TIME_ZONE) : undefined);
    const html = reportPage(records, {
      lang,
      t: staffTranslator(lang, path.join(deps.localesDir, 'kbcheck')),
      now: new Date(),
      timeZone: REPORT_TIME_ZONE,
      since,
      answerer: deps.answerer(),
    });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': REPORT_CSP, 'Cache-Control': 'no-store' });
    res.end(html);
  });
}
