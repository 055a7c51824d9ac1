/**
 * The inbox's JSON API (Staff.Content):
 *   GET  /staff/api/inbox                      groups of questions to look at, decided again now
 *   POST /staff/api/inbox/dismiss              { texts: [...] }: nothing to do (recorded, shared)
 *   POST /staff/api/inbox/preview              an action -> what it changes (questions, phrasings, checks)
 *   POST /staff/api/inbox/publish              the same action, published (the second click)
 *   GET  /staff/api/entries/:id/answered       "questions answered with this entry"
 * Publishing goes through the content service (issue 19b); without one, preview still
 * works (in memory) and publish answers 503.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { KnowledgeAnswerer } from '../../core/knowledge/load-answerer';
import type { RecordStore } from '../../core/records';
import { lastRecords } from '../../core/staff/recent-records';
import { termWeigher } from '../../core/report/cluster';
import type { AuditSink } from '../../core/staff/audit';
import { compareAll, withInboxChange } from '../../core/staff/change-effect';
import type { ContentService } from '../../core/staff/content-service';
import { dismiss } from '../../core/staff/dismissals';
import { buildInbox, questionsAnsweredWith, THIN_MARGIN } from '../../core/staff/inbox';
import { changeFor, inboxActionSchema } from '../../core/staff/inbox-actions';
import type { StaffSettings } from '../../core/staff/settings';
import { principalOf, type StaffGuard } from './guard';
import { findingDescriber, sendPublishResult } from './publish-response';

/** The part of the content service (issue 19b) the inbox uses. */
export type InboxPublisher = Pick<ContentService, 'preview' | 'publish' | 'entry'>;

export interface InboxRouteDeps {
  guard: StaffGuard;
  audit: AuditSink;
  records: Pick<RecordStore, 'read'>;
  /** The answerer students get now. */
  live: () => KnowledgeAnswerer;
  settings: StaffSettings;
  publisher?: InboxPublisher;
  /** For the checks' messages (locales/kbcheck). */
  localesDir: string;
  now?: () => Date;
}

const dismissSchema = z.object({ texts: z.array(z.string().max(2000)).min(1).max(1000) });
const publishSchema = z.object({ action: inboxActionSchema, ifMatch: z.record(z.string(), z.string()).optional(), acceptWarnings: z.boolean().optional() });

function invalid(res: Response, error: z.ZodError): void {
  res.json(400, { error: 'invalid_request', issues: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) });
}

export function registerInboxRoutes(server: Server, deps: InboxRouteDeps): void {
  const content = deps.guard.require('Staff.Content');
  const now = deps.now ?? (() => new Date());
  const described = findingDescriber(deps.localesDir);

  server.get('/staff/api/inbox', content, async (_req: Request, res: Response) => {
    const live = deps.live();
    await deps.settings.dismissals.refresh();
    const [questions, feedback] = await Promise.all([lastRecords(deps.records, 'question'), lastRecords(deps.records, 'feedback')]);
    const groups = buildInbox({
      questions,
      feedback,
      answerer: live,
      dismissals: deps.settings.dismissals.current,
      termsOf: termWeigher(live.content.lexicon, (term) => live.index.weightOf(term)),
    });
    res.json(200, { groups, thinMargin: THIN_MARGIN, questionsRead: questions.length });
  });

  server.post('/staff/api/inbox/dismiss', content, async (req: Request, res: Response) => {
    const body = dismissSchema.safeParse(req.body);
    if (!body.success) {
      invalid(res, body.error);
      return;
    }
    const { actor } = principalOf(req);
    await deps.settings.dismissals.update((current) => dismiss(current, body.data.texts, actor, now()));
    // The count only: the texts are students' words.
    await deps.audit.record({ actor, action: 'inboxDismiss', details: { questions: body.data.texts.length } });
    res.json(200, { dismissed: body.data.texts.length });
  });

  server.post('/staff/api/inbox/preview', content, async (req: Request, res: Response) => {
    const body = inboxActionSchema.safeParse(req.body?.action ?? req.body);
    if (!body.success) {
      invalid(res, body.error);
      return;
    }
    const change = changeFor(body.data);
    if (body.data.kind === 'alternate' && !deps.live().entry(body.data.entryId)) {
      res.json(404, { error: 'unknown_entry', entryId: body.data.entryId });
      return;
    }
    if (deps.publisher) {
      const preview = await deps.publisher.preview(change);
      res.json(200, { change, ...preview, findings: preview.findings.map(described), publishable: true });
      return;
    }
    const live = deps.live();
    const [after, questions] = await Promise.all([withInboxChange(live.content, change), lastRecords(deps.records, 'question')]);
    res.json(200, { change, problems: [], findings: [], changedDecisions: compareAll(live, after, questions), entryVersions: {}, baseEntryVersions: {}, blocked: false, hasWarnings: false, publishable: false });
  });

  server.post('/staff/api/inbox/publish', content, async (req: Request, res: Response) => {
    const body = publishSchema.safeParse(req.body);
    if (!body.success) {
      invalid(res, body.error);
      return;
    }
    if (!deps.publisher) {
      res.json(503, { error: 'publishing_unavailable' });
      return;
    }
    const { actor } = principalOf(req);
    const change = changeFor(body.data.action);
    const result = await deps.publisher.publish(change, {
      actor,
      ...(body.data.ifMatch ? { ifMatch: body.data.ifMatch } : {}),
      ...(body.data.acceptWarnings ? { acceptWarnings: true } : {}),
    });
    await sendPublishResult(res, result, described, deps.publisher);
  });

  server.get('/staff/api/entries/:id/answered', content, async (req: Request, res: Response) => {
    const live = deps.live();
    // Looked up among the live entries; never used to build a name.
    const entry = live.entry(String(req.params.id ?? ''));
    if (!entry) {
      res.json(404, { error: 'unknown_entry' });
      return;
    }
    const questions = await lastRecords(deps.records, 'question');
    res.json(200, { entryId: entry.id, questions: questionsAnsweredWith(entry.id, questions, live), thinMargin: THIN_MARGIN });
  });
}
