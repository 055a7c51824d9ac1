/**
 * Links inside answer Markdown open in students' browsers and in the staff console's
 * preview: only https pages, e-mail (mailto:) and phone (tel:) links are allowed. A
 * `javascript:` or `data:` link, or one without a scheme, is an error, so it never
 * goes live.
 */
import type { KnowledgeBase } from '../types';
import type { Finding, Locator } from './types';

const ALLOWED_SCHEMES = new Set(['https', 'mailto', 'tel']);

/** Link targets written in Markdown: [text](target), <scheme:target> and [label]: target. */
export function markdownLinkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const match of markdown.matchAll(/\]\(\s*<?([^)\s>]*)/g)) targets.push(match[1] ?? '');
  for (const match of markdown.matchAll(/<([a-z][a-z0-9+.-]*:[^>\s]*)>/gi)) targets.push(match[1] ?? '');
  for (const match of markdown.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) targets.push(match[1] ?? '');
  return targets;
}

/** Whether a link target may be shown to students: an https, mailto or tel address. */
export function isAllowedLinkTarget(target: string): boolean {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"): so does this test.
  const squeezed = [...target].filter((char) => char.charCodeAt(0) > 0x20).join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed)?.[1]?.toLowerCase();
  return scheme !== undefined && ALLOWED_SCHEMES.has(scheme);
}

export function findUnsafeAnswerLinks(kb: KnowledgeBase, locate: Locator): Finding[] {
  const findings: Finding[] = [];
  for (const entry of kb.entries) {
    for (const lang of ['vi', 'en'] as const) {
      for (const target of markdownLinkTargets(entry.answer[lang])) {
        if (isAllowedLinkTarget(target)) continue;
        const where = locate(entry.id, ['answer', lang]);
        findings.push({ severity: 'error', code: 'unsafeLink', file: where.file, line: where.line, params: { id: entry.id, lang, url: target.slice(0, 80) } });
      }
    }
  }
  return findings;
}
