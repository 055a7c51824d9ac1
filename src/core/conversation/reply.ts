/**
 * A reply as the conversation logic sees it: Markdown text and buttons, with no
 * idea of activities or cards. src/bot renders it for each channel.
 */
import type { DecisionKind, Lang } from '../knowledge/types';
import type { ButtonValue } from './button-value';

/** Looks up a UI string (locales/<lang>/translation.json) by key. */
export type Translator = (lang: Lang, key: string, vars?: Record<string, string | number>) => string;

export type Button =
  | { kind: 'postBack'; title: string; value: ButtonValue }
  | { kind: 'openUrl'; title: string; url: string };

/** Sent with every knowledge-base reply as channelData, for feedback and analytics. */
export interface DecisionTrace {
  entryId: string | null;
  confidence: number;
  decision: DecisionKind;
  candidates: string[];
}

export interface Reply {
  /** Markdown. */
  text: string;
  buttons: Button[];
  trace?: DecisionTrace;
}

export const postBack = (title: string, value: ButtonValue): Button => ({ kind: 'postBack', title, value });
export const openUrl = (title: string, url: string): Button => ({ kind: 'openUrl', title, url });
