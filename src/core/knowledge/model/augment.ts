/**
 * Training texts made from each phrasing: the phrasing itself, with words dropped (students
 * leave out words), and after a story (students explain before they ask). Accents and
 * teencode need no copies: the normaliser folds and expands both sides the same way.
 */
import type { Lang } from '../types';
import { pick, type Random } from './random';
import { ASK_LEADS, STORY_SENTENCES } from './story-sentences';

export interface Phrase {
  text: string;
  lang: Lang;
}

export function augmentations(phrase: Phrase, random: Random, copies: number): string[] {
  const out = [phrase.text];
  const words = phrase.text.split(/\s+/).filter((word) => word.length > 0);
  for (let copy = 0; copy < copies; copy++) {
    const kept = words.length > 3 ? words.filter(() => random() > 0.25) : words;
    const core = (kept.length > 0 ? kept : words).join(' ');
    out.push(copy % 2 === 0 ? `${story(phrase.lang, random)} ${pick(random, ASK_LEADS[phrase.lang])} ${core}` : core);
  }
  return out;
}

/** One to three story sentences, in the phrasing's language. */
export function story(lang: Lang, random: Random): string {
  const count = 1 + Math.floor(random() * 3);
  return Array.from({ length: count }, () => pick(random, STORY_SENTENCES[lang])).join(' ');
}
