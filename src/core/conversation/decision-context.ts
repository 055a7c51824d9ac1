/**
 * What every knowledge-base reply is built with: the language, the entries, the clock and
 * the audience, how many entries "did you mean" offers, and the button to a person. Shared
 * by the replies to a decision and to a follow-up that keeps the thread.
 */
import type { KnowledgeEntry, Lang } from '../knowledge/types';
import { button, key, type PlanButton } from './plan';

export const MAX_SUGGESTIONS = 3;

export interface DecisionContext {
  lang: Lang;
  /** Resolves follow-up and candidate ids; unknown ids are skipped. */
  lookup: (id: string) => KnowledgeEntry | undefined;
  /** For `validUntil`; injected so tests do not depend on the clock. */
  now: Date;
  /** A parent asking about their child: answers use the entry's parent wording where it has one. */
  audience?: 'parent';
}

export const handoffButton = (): PlanButton => button(key('handoff.button'), { action: 'handoff' });
