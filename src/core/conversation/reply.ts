/**
 * A reply as the channel renders it: Markdown text and buttons with their titles
 * resolved, no idea of activities or cards. `resolvePlan` makes it from a ReplyPlan;
 * src/bot renders it for each channel.
 */
import type { DecisionKind } from '../knowledge/types';
import type { ButtonValue } from './button-value';

export type { Translator } from '../content/catalogue';

/** `short`: the title written for narrow buttons (Messenger, at most 20 characters), where the content has one. */
export type Button =
  | { kind: 'postBack'; title: string; value: ButtonValue; short?: string }
  | { kind: 'openUrl'; title: string; url: string; short?: string };

/** The rest of a list of questions, for a channel that shows fewer buttons than the list has. */
export interface MoreButton {
  title: string;
  /** Gives the value that lists the questions after the first `shown` of this page. */
  area: string;
  from: number;
}

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
  /** The buttons list an area's questions: a channel that must cut the list offers this "more". */
  more?: MoreButton;
}

export const postBack = (title: string, value: ButtonValue): Button => ({ kind: 'postBack', title, value });
export const openUrl = (title: string, url: string): Button => ({ kind: 'openUrl', title, url });
