/**
 * Stock phrases: the same few words opening or closing many answers ("Theo thông tin năm …",
 * ": hãy hỏi PN Việt Nam.", "Thông báo mới nhất: …") make the assistant read like a form.
 * An answer's opening is its first words; its closing, the first and the last words of its
 * last line. A phrase that opens or closes more than `limit` answers is listed with them.
 */
import { LANGS, type KnowledgeBase, type Lang } from '../types';
import type { Finding, Locator } from './types';

export const STOCK_PHRASE_LIMIT = 3;
/** Words of an opening and of a closing line's start; a closing's end takes one more, so a name ("PN Việt Nam") alone is not a phrase. */
const WORDS = 3;
const END_WORDS = 4;

function words(line: string): string[] {
  return line
    .replace(/\*\*|[*_`]/g, '')
    .replace(/^\s*(?:[-•]|\d+\.)\s+/, '')
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
}

/** The phrases an answer opens and closes with. */
export function edgePhrases(answer: string): { opens: string; closes: string[] } {
  const lines = answer.split('\n').map((line) => line.trim()).filter(Boolean);
  const first = words(lines[0] ?? '');
  // A one-line answer has an opening only: its last line is its first.
  const last = lines.length > 1 ? words(lines[lines.length - 1] ?? '') : [];
  const closes = [last.length >= WORDS ? last.slice(0, WORDS).join(' ') : '', last.length >= END_WORDS ? last.slice(-END_WORDS).join(' ') : ''].filter(Boolean);
  return { opens: first.length >= WORDS ? first.slice(0, WORDS).join(' ') : '', closes: [...new Set(closes)] };
}

export function findStockPhrases(kb: KnowledgeBase, locate: Locator, limit = STOCK_PHRASE_LIMIT): Finding[] {
  const findings: Finding[] = [];
  for (const lang of LANGS) {
    const uses = new Map<string, { kind: 'opens' | 'closes'; ids: string[] }>();
    const count = (kind: 'opens' | 'closes', phrase: string, id: string) => {
      if (phrase === '') return;
      const key = `${kind}\u0000${phrase}`;
      const use = uses.get(key) ?? { kind, ids: [] };
      if (!use.ids.includes(id)) use.ids.push(id);
      uses.set(key, use);
    };
    for (const entry of kb.entries) {
      const { opens, closes } = edgePhrases(entry.answer[lang]);
      count('opens', opens, entry.id);
      for (const phrase of closes) count('closes', phrase, entry.id);
    }
    for (const [key, use] of uses) {
      if (use.ids.length <= limit) continue;
      const phrase = key.split('\u0000')[1] ?? '';
      const where = locate(use.ids[0] ?? '', ['answer', lang]);
      findings.push(stockFinding(where, use.kind, phrase, use.ids, lang));
    }
  }
  return findings;
}

function stockFinding(where: { file: string; line: number }, kind: 'opens' | 'closes', phrase: string, ids: string[], lang: Lang): Finding {
  return { severity: 'warning', code: kind === 'opens' ? 'stockOpening' : 'stockClosing', file: where.file, line: where.line, params: { phrase, count: ids.length, ids: ids.join(', '), lang } };
}
