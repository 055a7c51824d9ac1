/**
 * A reply as the channel renders it: Markdown text and buttons with their titles
 * resolved, no idea of activities or cards. `resolvePlan` makes it from a ReplyPlan;
 * src/bot renders it for each channel.
 */
import type { DecisionKind } from '../knowledge/types';
import type { ButtonValue } from './button-value';

export type { Translator } from '../content/catalogue';

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
  /** A form question waiting for the user's answer. */
  expectsAnswer?: boolean;
}

export const postBack = (title: string, value: ButtonValue): Button => ({ kind: 'postBack', title, value });
export const openUrl = (title: string, url: string): Button => ({ kind: 'openUrl', title, url });
