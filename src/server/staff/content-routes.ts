/**
 * The content API of the staff console (Staff.Content): read entries, add an alternate,
 * edit an entry, the history with each version's diff, and undo. Every change goes
 * through the content service (checks, versions, the live pointer); `{id}` is looked up
 * among the live entries and never used to build a file or blob name.
 *
 * Statuses: 200 published (or the preview with ?dryRun=true), 404 unknown entry or
 * version, 409 the entry changed since the If-Match version (both versions in the body),
 * 422 the checks fail (findings in both languages) or new warnings were not accepted,
 * 428 an edit of a whole entry without If-Match.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { ContentChange, EntryFields } from '../../core/staff/content-change';
import type { ContentService, EntryView, Preview, PublishResult } from '../../core/staff/content-service';
import { principalOf, type StaffGuard } from './guard';
import { findingDescriber, sendPublishResult } from './publish-response';

export interface ContentRouteDeps {
  guard: StaffGuard;
  content: ContentService;
  localesDir: string;
}

const lang = z.enum(['vi', 'en']);
const text = z.string().max(20_000);
const bilingual = z.strictObject({ vi: text, en: text });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const alternateBody = z.strictObject({ lang, text: z.string().max(2_000), acceptWarnings: z.boolean().optional() });

const entryBody = z.strictObject({
  question: bilingual.optional(),
  alternates: z.strictObject({ vi: z.array(z.string().max(2_000)).max(500), en: z.array(z.string().max(2_000)).max(500) }).optional(),
  answer: bilingual.optional(),
  followUps: z.array(z.string().max(200)).max(50).optional(),
  links: z.array(z.strictObject({ title: bilingual, url: z.string().max(2_000) })).max(50).optional(),
  sources: z.array(z.string().max(200)).max(100).optional(),
  reviewed: isoDate.nullable().optional(),
  validUntil: isoDate.nullable().optional(),
  acceptWarnings: z.boolean().optional(),
});

const resolveBody = z.strictObject({ file: z.string().max(100), take: z.enum(['live', 'image']), acceptWarnings: z.boolean().optional() });

const undoBody = z.strictObject({ acceptWarnings: z.boolean().optional() }).optional();

/** The entry version an `If-Match` header names: "abc", W/"abc" or abc. */
export function ifMatchOf(req: Request): string | undefined {
  const value = req.header('if-match')?.trim();
  if (!value || value === '*') return undefined;
  return value.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

function dryRun(req: Request): boolean {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('dryRun') === 'true';
}

export function registerContentRoutes(server: Server, deps: ContentRouteDeps): void {
  const { content, guard } = deps;
  const described = findingDescriber(deps.localesDir);
  const previewBody = (preview: Preview) => ({ ...preview, findings: preview.findings.map(described) });
  const role = guard.require('Staff.Content');

  const answer = (res: Response, result: PublishResult): Promise<void> => sendPublishResult(res, result, described, content);

  /** The live entry of `{id}`, or a 404 already sent. */
  const liveEntry = async (req: Request, res: Response): Promise<EntryView | undefined> => {
    const id = String((req.params as Record<string, unknown>).id ?? '');
    const entry = await content.entry(id);
    if (!entry) res.json(404, { error: 'unknown_entry', id });
    return entry;
  };

  const change = async (req: Request, res: Response, edit: ContentChange, entry: EntryView, acceptWarnings: boolean | undefined) => {
    if (dryRun(req)) {
      res.json(200, previewBody(await content.preview(edit)));
      return;
    }
    const expected = ifMatchOf(req);
    const result = await content.publish(edit, {
      actor: principalOf(req).actor,
      ...(expected ? { ifMatch: { [entry.id]: expected } } : {}),
      ...(acceptWarnings ? { acceptWarnings } : {}),
    });
    await answer(res, result);
  };

  server.get('/staff/api/entries', role, async (_req: Request, res: Response) => {
    const [version, entries] = await Promise.all([content.liveVersion(), content.entries()]);
    res.json(200, { version, entries });
  });

  server.get('/staff/api/entries/:id', role, async (req: Request, res: Response) => {
    const entry = await liveEntry(req, res);
    if (!entry) return;
    res.header('ETag', `"${entry.version}"`);
    res.json(200, entry);
  });

  server.post('/staff/api/entries/:id/alternates', role, async (req: Request, res: Response) => {
    const body = alternateBody.safeParse(req.body);
    if (!body.success) {
      res.json(400, { error: 'invalid_body', fields: body.error.issues.map((issue) => issue.path.join('.')) });
      return;
    }
    const entry = await liveEntry(req, res);
    if (!entry) return;
    await change(req, res, { edits: [{ kind: 'addAlternate', entryId: entry.id, lang: body.data.lang, text: body.data.text }] }, entry, body.data.acceptWarnings);
  });

  server.put('/staff/api/entries/:id', role, async (req: Request, res: Response) => {
    const body = entryBody.safeParse(req.body);
    if (!body.success) {
      res.json(400, { error: 'invalid_body', fields: body.error.issues.map((issue) => issue.path.join('.')) });
      return;
    }
    const entry = await liveEntry(req, res);
    if (!entry) return;
    if (!dryRun(req) && !ifMatchOf(req)) {
      // A whole-entry edit without the version it started from could silently undo a colleague's edit.
      res.json(428, { error: 'if_match_required', version: entry.version });
      return;
    }
    const { acceptWarnings, ...fields } = body.data;
    await change(req, res, { edits: [{ kind: 'editEntry', entryId: entry.id, fields: fields as EntryFields }] }, entry, acceptWarnings);
  });

  // The live version's files as they are, for `npm run content:pull --from <bot>`.
  server.get('/staff/api/content/files', role, async (_req: Request, res: Response) => {
    res.json(200, await content.liveFiles());
  });

  server.get('/staff/api/history', role, async (_req: Request, res: Response) => {
    const versions = await content.history();
    res.json(200, { live: versions[0]?.id, versions });
  });

  server.get('/staff/api/history/:version', role, async (req: Request, res: Response) => {
    const found = await content.versionDiff(String((req.params as Record<string, unknown>).version ?? ''));
    if (!found) {
      res.json(404, { error: 'unknown_version' });
      return;
    }
    res.json(200, found);
  });

  server.get('/staff/api/conflicts', role, async (_req: Request, res: Response) => {
    res.json(200, { conflicts: await content.conflicts() });
  });

  server.post('/staff/api/conflicts/resolve', role, async (req: Request, res: Response) => {
    const body = resolveBody.safeParse(req.body);
    if (!body.success) {
      res.json(400, { error: 'invalid_body', fields: body.error.issues.map((issue) => issue.path.join('.')) });
      return;
    }
    const result = await content.resolveConflict(body.data.file, body.data.take, { actor: principalOf(req).actor, ...(body.data.acceptWarnings ? { acceptWarnings: true } : {}) });
    if (result.status === 'unknownConflict') {
      res.json(404, { error: 'unknown_conflict' });
      return;
    }
    await answer(res, result);
  });

  server.post('/staff/api/history/:version/undo', role, async (req: Request, res: Response) => {
    const body = undoBody.safeParse(req.body ?? undefined);
    const result = await content.undo(String((req.params as Record<string, unknown>).version ?? ''), {
      actor: principalOf(req).actor,
      ...(body.success && body.data?.acceptWarnings ? { acceptWarnings: true } : {}),
    });
    if (result.status === 'unknownVersion') {
      res.json(404, { error: 'unknown_version' });
      return;
    }
    await answer(res, result);
  });
}
