/**
 * What a change does before it goes live (issue 19): which of the last real questions
 * (up to RECENT_QUESTIONS from the question log) and which phrasings of the knowledge
 * base would now get a different answer. The change is compiled off to the side into a
 * second answerer; both decide every text, and the differences are listed.
 *
 * Two ways in: the content service's preview hands over the candidate files
 * (`createDecisionComparer`), and the entry editor's test pane replaces one entry in the
 * live knowledge without files (`withDraftEntry`).
 */
import { compiledKnowledge } from '../knowledge/compiled';
import type { LoadedKnowledge } from '../knowledge/loader';
import { NO_ARTEFACTS, type ArtefactStore } from '../storage/artefacts';
import { KnowledgeAnswerer } from '../knowledge/load-answerer';
import type { Answerer, KnowledgeEntry, Lang } from '../knowledge/types';
import { parseRecords, questionRecordSchema } from '../report/records';
import type { StoredRecord } from '../records/types';
import { questionKey } from './dismissals';
import { mostRecent, summarise, type CurrentDecision } from './inbox';
import type { ChangedDecision, DecisionComparer, DecisionSummary } from './content-service';
import type { ContentFiles } from './entry-index';
import type { InboxChange } from './inbox-actions';

export interface TextToDecide {
  text: string;
  lang?: Lang;
  source: 'question' | 'phrasing';
  entryId?: string;
}


const brief = (decision: CurrentDecision): DecisionSummary => ({ decision: decision.decision, id: decision.decision === 'answer' ? decision.entryId : null });

/** The distinct recent questions of the log, newest spelling of each. */
export function recentQuestionTexts(records: readonly StoredRecord[]): TextToDecide[] {
  const seen = new Map<string, TextToDecide>();
  for (const record of mostRecent(parseRecords([...records], questionRecordSchema).valid)) {
    seen.set(questionKey(record.text), { text: record.text, lang: record.lang, source: 'question' });
  }
  return [...seen.values()];
}

/** Every phrasing of the knowledge base (questions and alternates, both languages), with its entry. */
export function phrasingsOf(entries: readonly KnowledgeEntry[]): TextToDecide[] {
  return entries.flatMap((entry) =>
    (['vi', 'en'] as const).flatMap((lang) => [entry.question[lang], ...entry.alternates[lang]].map((text) => ({ text, lang, source: 'phrasing' as const, entryId: entry.id }))),
  );
}

/** The texts whose decision (answer, suggest, fallback, or the entry answered) differs between the two answerers. */
export function changedDecisions(before: Answerer, after: Answerer, texts: readonly TextToDecide[]): ChangedDecision[] {
  const changed: ChangedDecision[] = [];
  for (const item of texts) {
    const was = brief(summarise(before.decide(item.text)));
    const now = brief(summarise(after.decide(item.text)));
    if (was.decision !== now.decision || was.id !== now.id) changed.push({ ...item, before: was, after: now });
  }
  return changed;
}

/**
 * An answerer for knowledge files that are not live yet (a candidate version), through the
 * compiled-content store: the publish checks compile the same files, so the candidate is
 * trained once and, once published, opened at once.
 */
export async function answererForFiles(files: ContentFiles, store: ArtefactStore = NO_ARTEFACTS): Promise<KnowledgeAnswerer> {
  const sources = Object.entries(files)
    .filter(([name]) => /\.ya?ml$/.test(name))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, text]) => ({ name, display: `knowledge/${name}`, text }));
  const parts = await compiledKnowledge(sources, store);
  return new KnowledgeAnswerer(parts.content, undefined, parts);
}

export interface ComparerDeps {
  /** The answerer students get now. */
  live: () => KnowledgeAnswerer;
  /** The question log's records (the last RECENT_QUESTIONS are used). */
  questions: () => Promise<StoredRecord[]>;
  /** Compiled content (shared with the publish checks). */
  store?: ArtefactStore;
}

/**
 * The content service's DecisionComparer: the candidate files compiled, then the recent
 * questions and every phrasing of either version decided by both. The live version is
 * the bot's own answerer (already compiled), not the files.
 */
export function createDecisionComparer(deps: ComparerDeps): DecisionComparer {
  return async (candidate) => {
    const [after, records] = await Promise.all([answererForFiles(candidate, deps.store), deps.questions()]);
    const before = deps.live();
    return compareAll(before, after, records);
  };
}

export function compareAll(before: KnowledgeAnswerer, after: KnowledgeAnswerer, records: readonly StoredRecord[]): ChangedDecision[] {
  const phrasings = new Map<string, TextToDecide>();
  for (const phrasing of [...phrasingsOf(before.content.kb.entries), ...phrasingsOf(after.content.kb.entries)]) phrasings.set(`${phrasing.entryId}|${phrasing.lang}|${phrasing.text}`, phrasing);
  return changedDecisions(before, after, [...recentQuestionTexts(records), ...phrasings.values()]);
}

/** The live knowledge with one entry replaced by a draft (the test pane): no files, nothing published. */
export async function withDraftEntry(live: LoadedKnowledge, draft: KnowledgeEntry): Promise<KnowledgeAnswerer> {
  const entries = live.kb.entries.map((entry) => (entry.id === draft.id ? draft : entry));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return KnowledgeAnswerer.build({ ...live, kb: { entries, byId } });
}

/**
 * The live knowledge with an inbox change applied in memory (alternates added, off-topic
 * examples added): the preview when no content service is configured, and the test of
 * what the service's files would do.
 */
export async function withInboxChange(live: LoadedKnowledge, change: InboxChange): Promise<KnowledgeAnswerer> {
  const added = new Map<string, Record<Lang, string[]>>();
  const offTopic: Record<Lang, string[]> = { vi: [...live.offTopic.vi], en: [...live.offTopic.en] };
  for (const edit of change.edits) {
    if (edit.kind === 'addOffTopic') {
      offTopic[edit.lang].push(edit.text);
      continue;
    }
    const extra = added.get(edit.entryId) ?? { vi: [], en: [] };
    extra[edit.lang].push(edit.text);
    added.set(edit.entryId, extra);
  }
  const entries = live.kb.entries.map((entry) => {
    const extra = added.get(entry.id);
    return extra ? { ...entry, alternates: { vi: [...entry.alternates.vi, ...extra.vi], en: [...entry.alternates.en, ...extra.en] } } : entry;
  });
  return KnowledgeAnswerer.build({ ...live, offTopic, kb: { entries, byId: new Map(entries.map((entry) => [entry.id, entry])) } });
}
