/**
 * The entry editor's test pane (Staff.Content):
 *   POST /staff/api/entries/:id/test  { text, draft?: { question, alternates } }
 * Decides the text with the draft in place of the live entry (compiled off to the side,
 * nothing published) and answers with the explanation `npm run ask -- --explain` prints.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { explainDecision } from '../../core/knowledge/explain';
import type { KnowledgeAnswerer } from '../../core/knowledge/load-answerer';
import type { KnowledgeEntry } from '../../core/knowledge/types';
import { withDraftEntry } from '../../core/staff/change-effect';
import type { StaffGuard } from './guard';

const bilingual = z.object({ vi: z.string().max(2000), en: z.string().max(2000) });
const testSchema = z.object({
  text: z.string().trim().min(1).max(2000),
  draft: z
    .object({
      question: bilingual.optional(),
      alternates: z.object({ vi: z.array(z.string().max(500)).max(500), en: z.array(z.string().max(500)).max(500) }).optional(),
      answer: bilingual.optional(),
    })
    .optional(),
});

export interface EntryTestRouteDeps {
  guard: StaffGuard;
  live: () => KnowledgeAnswerer;
  /** Compiles a draft off to the side (tests count the compiles through it). */
  compileDraft?: typeof withDraftEntry;
}

/** The live entry `:id` names, or undefined with a 404 already sent (the test pane, confusable neighbours). */
export function liveEntryOf(live: KnowledgeAnswerer, req: Request, res: Response): KnowledgeEntry | undefined {
  const entry = live.entry(String(req.params.id ?? ''));
  if (!entry) res.json(404, { error: 'unknown_entry' });
  return entry;
}

export function registerEntryTestRoutes(server: Server, deps: EntryTestRouteDeps): void {
  // The last draft compiled, for the live version it replaced an entry of: staff test several
  // texts against one draft, and each compile of the real knowledge base trains the matcher
  // (seconds of CPU). Another draft or a new live version compiles again.
  let lastDraft: { live: KnowledgeAnswerer; key: string; answerer: Promise<KnowledgeAnswerer> } | undefined;
  const draftAnswerer = (live: KnowledgeAnswerer, entry: KnowledgeEntry): Promise<KnowledgeAnswerer> => {
    const key = JSON.stringify(entry);
    if (lastDraft?.live !== live || lastDraft.key !== key) {
      const answerer = (deps.compileDraft ?? withDraftEntry)(live.content, entry);
      lastDraft = { live, key, answerer };
      // A failed compile is not kept: the next request tries again.
      answerer.catch(() => {
        if (lastDraft?.answerer === answerer) lastDraft = undefined;
      });
    }
    return lastDraft.answerer;
  };
  server.post('/staff/api/entries/:id/test', deps.guard.require('Staff.Content'), async (req: Request, res: Response) => {
    const live = deps.live();
    const entry = liveEntryOf(live, req, res);
    if (!entry) return;
    const body = testSchema.safeParse(req.body);
    if (!body.success) {
      res.json(400, { error: 'invalid_request', issues: body.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) });
      return;
    }
    const draft = body.data.draft;
    const clean = (texts: string[]) => texts.map((text) => text.trim()).filter(Boolean);
    const answerer = draft
      ? await draftAnswerer(live, {
          ...entry,
          ...(draft.question ? { question: draft.question } : {}),
          ...(draft.alternates ? { alternates: { vi: clean(draft.alternates.vi), en: clean(draft.alternates.en) } } : {}),
          ...(draft.answer ? { answer: draft.answer } : {}),
        })
      : live;
    res.json(200, { entryId: entry.id, draft: draft !== undefined, explanation: explainDecision(answerer, body.data.text) });
  });
}
