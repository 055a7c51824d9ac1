/**
 * Dates in answers, against today: an answer that names a date which has passed and still
 * speaks of it as coming ("sẽ", "theo lịch", "will", "is scheduled") tells students something
 * that is no longer true; and `validUntil` should come no later than the first date the
 * answer still speaks of as coming, so kb:check reminds staff when that day arrives.
 * Warnings only: a calendar date must never turn a build red (tests pass `today`).
 */
import { LANGS, type KnowledgeBase } from '../types';
import type { Finding, Locator } from './types';

const MONTHS_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Words that speak of something as still to come. Matched as whole words, case-insensitively. */
const COMING: Record<'vi' | 'en', RegExp> = {
  vi: /(?<![\p{L}])(sẽ|theo lịch|dự kiến|sắp|chuẩn bị)(?![\p{L}])/iu,
  en: /\b(will|is scheduled|are scheduled|is due|is expected|are expected|upcoming|from now)\b/i,
};

export interface DateMention {
  /** As written: "30/6/2026", "tháng 1/2027", "30 June 2026", "January 2027". */
  text: string;
  /** The first day it can mean (ISO): a month counts from its first day. */
  from: string;
  /** The last day it can mean (ISO): a month has passed only once it has ended. */
  to: string;
}

/** The dates written in a line: day/month/year and month/year (Vietnamese), day month year and month year (English). */
export function datesIn(line: string): DateMention[] {
  const found: DateMention[] = [];
  const add = (text: string, y: number, m: number, d?: number) => {
    if (m < 1 || m > 12 || y < 1900 || y > 2200) return;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (d !== undefined && (d < 1 || d > last)) return;
    const iso = (day: number) => `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    found.push({ text, from: iso(d ?? 1), to: iso(d ?? last) });
  };
  // 30/6/2026 and 1–2/7/2024 (the last day of a range counts)
  for (const match of line.matchAll(/(?<![\d/])(?:(\d{1,2})[–-])?(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/g)) add(match[0], Number(match[4]), Number(match[3]), Number(match[2]));
  // tháng 1/2027, tháng 10/2024 (not already part of a full date)
  for (const match of line.matchAll(/tháng (\d{1,2})\/(\d{4})(?![\d/])/giu)) add(match[0], Number(match[2]), Number(match[1]));
  // 30 June 2026, 1–2 July 2024, June 2026
  const months = MONTHS_EN.join('|');
  for (const match of line.matchAll(new RegExp(`(?:\\b(\\d{1,2})(?:[–-]\\d{1,2})? )?\\b(${months}) (\\d{4})\\b`, 'gi'))) {
    const month = MONTHS_EN.indexOf((match[2] ?? '').toLowerCase()) + 1;
    add(match[0], Number(match[3]), month, match[1] === undefined ? undefined : Number(match[1]));
  }
  return found;
}

export function findDatedText(kb: KnowledgeBase, locate: Locator, now: Date): Finding[] {
  const today = now.toISOString().slice(0, 10);
  const findings: Finding[] = [];
  for (const entry of kb.entries) {
    let earliestComing: DateMention | undefined;
    for (const lang of LANGS) {
      const texts = [entry.answer[lang], entry.answer.parent?.[lang]].filter((text): text is string => text !== undefined);
      for (const text of texts) {
        for (const line of text.split('\n')) {
          const marker = COMING[lang].exec(line)?.[0];
          for (const date of datesIn(line)) {
            if (date.to < today && marker !== undefined) {
              const where = locate(entry.id, ['answer', lang]);
              findings.push({ severity: 'warning', code: 'pastAsComing', file: where.file, line: where.line, params: { id: entry.id, date: date.text, word: marker, lang } });
            }
            if (date.from > today && (earliestComing === undefined || date.from < earliestComing.from)) earliestComing = date;
          }
        }
      }
    }
    if (earliestComing && entry.validUntil !== undefined && entry.validUntil > earliestComing.from) {
      const where = locate(entry.id, ['validUntil']);
      findings.push({ severity: 'warning', code: 'validAfterComing', file: where.file, line: where.line, params: { id: entry.id, validUntil: entry.validUntil, date: earliestComing.text, day: earliestComing.from } });
    }
  }
  return dedupe(findings);
}

/** One warning per entry, date and word: the same sentence in an answer and its parent wording is one mistake. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.code}|${String(finding.params.id)}|${String(finding.params.date)}|${String(finding.params.lang ?? '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
