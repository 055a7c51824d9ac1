/**
 * What the engine decides to say, as data: texts named by where they live (a
 * catalogue key, a knowledge entry, a part of a guided flow), buttons carrying ids.
 * Nothing here is wording: tests assert on these references, and `resolvePlan`
 * (resolve.ts) turns a plan into Markdown and button titles in the reply language.
 */
import type { Lang } from '../knowledge/types';
import type { ButtonValue } from './button-value';
import type { DecisionTrace } from './reply';

export type Param = string | number | Text;
export type Params = Record<string, Param>;

export type Text =
  /** A catalogue string; `lang` overrides the reply language (the welcome shows both). */
  | { key: string; params?: Params; lang?: Lang; style?: 'bold' | 'italic' }
  /** `audience: 'parent'`: the entry's or step's parent wording where it has one (language/audience.ts). */
  | { entry: string; field: 'answer' | 'question'; audience?: 'parent' }
  /** The title of an entry's n-th link. */
  | { entry: string; link: number }
  /** The button label of a flow is its `button`, else its title. */
  | { flow: string; field: 'title' | 'button' | 'intro' }
  | { flow: string; step: string; field: 'prompt' | 'help'; params?: Params; audience?: 'parent' }
  | { flow: string; step: string; choice: string }
  | { flow: string; outcome: string; field: 'text' | 'next'; params?: Params; audience?: 'parent' }
  | { flow: string; outcome: string; offer: number }
  /** Several texts in one paragraph, separated by spaces. */
  | { join: Text[] };

export type PlanButton = { title: Text; value: ButtonValue } | { title: Text; url: string };

export interface ReplyPlan {
  lang: Lang;
  /** Paragraphs, joined by a blank line. */
  texts: Text[];
  buttons: PlanButton[];
  /** Knowledge-base replies carry what was decided (channelData, metrics). */
  trace?: DecisionTrace;
  /** A form question: the channel may show an input hint. */
  expectsAnswer?: boolean;
  /**
   * The buttons list an area's questions from position `from`: a channel that shows
   * fewer buttons offers "more", which asks for the same list further on.
   */
  page?: MenuPage;
}

export interface MenuPage {
  area: string;
  from: number;
}

export const key = (name: string, params?: Params): Text => (params ? { key: name, params } : { key: name });

export const plan = (lang: Lang, texts: Text[], buttons: PlanButton[] = []): ReplyPlan => ({ lang, texts, buttons });

export const button = (title: Text, value: ButtonValue): PlanButton => ({ title, value });
