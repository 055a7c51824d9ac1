/**
 * Where answers come from. Every entry names the rows of the facts sheet it is written from
 * (`sources`) and the day it was last checked (`reviewed`). knowledge/sources.yaml lists the
 * web addresses each row cites, so a link can be checked against them: a link to a site none
 * of the entry's sources cites is a claim nobody checked.
 */
import { z } from 'zod';
import { parseYaml, type ContentProblem } from '../../yaml/yaml-source';
import type { KnowledgeBase } from '../types';
import type { Finding, Locator } from './types';

export const sourcesFileSchema = z.strictObject({
  // Staff write `A1.1: [en.wikipedia.org/wiki/..., docslib.org]`; `self: []` has no address.
  rows: z.record(z.string(), z.array(z.string().trim().min(1)).nullable().transform((list) => list ?? [])),
});

/** Row id -> the host names its addresses are on (lower case, without "www."). */
export type SourceRegister = Map<string, string[]>;

export type RegisterResult = { ok: true; register: SourceRegister } | { ok: false; problems: ContentProblem[] };

export function readSourceRegister(display: string, text: string): RegisterResult {
  const result = parseYaml(display, text, sourcesFileSchema);
  if (!result.ok) return result;
  const register: SourceRegister = new Map();
  for (const [row, addresses] of Object.entries(result.parsed.value.rows)) register.set(row, addresses.map(hostOf));
  return { ok: true, register };
}

/** The host of an address written with or without https:// ("learn.microsoft.com/en-us/..." -> learn.microsoft.com). */
export function hostOf(address: string): string {
  const withScheme = /^[a-z]+:\/\//i.test(address) ? address : `https://${address}`;
  let host: string;
  try {
    host = new URL(withScheme).hostname;
  } catch {
    host = address.split('/')[0] ?? address;
  }
  return host.toLowerCase().replace(/^www\./, '');
}

/** A link is backed when its host is a source's host or a subdomain of it (learn.microsoft.com under microsoft.com). */
export function hostBacked(linkHost: string, sourceHosts: readonly string[]): boolean {
  return sourceHosts.some((host) => linkHost === host || linkHost.endsWith(`.${host}`));
}

/**
 * Warnings: an entry without `sources` or `reviewed`; with a register, a source that is not
 * one of its rows and a link whose site none of the entry's sources cites.
 */
export function findSourceGaps(kb: KnowledgeBase, locate: Locator, register: SourceRegister | undefined, registerFile: string): Finding[] {
  const findings: Finding[] = [];
  for (const entry of kb.entries) {
    const { id } = entry;
    if (entry.sources.length === 0) findings.push(warning('noSources', locate(id, []), { id }));
    if (entry.reviewed === undefined) findings.push(warning('notReviewed', locate(id, []), { id }));
    if (!register) continue;
    entry.sources.forEach((source, index) => {
      if (!register.has(source)) findings.push(warning('unknownSource', locate(id, ['sources', index]), { id, source, register: registerFile }));
    });
    const hosts = entry.sources.flatMap((source) => register.get(source) ?? []);
    entry.links.forEach((link, index) => {
      const host = hostOf(link.url);
      if (!hostBacked(host, hosts)) {
        findings.push(warning('linkSource', locate(id, ['links', index, 'url']), { id, url: link.url, host, sources: entry.sources.join(', ') || '-' }));
      }
    });
  }
  return findings;
}

function warning(code: Finding['code'], where: { file: string; line: number }, params: Finding['params']): Finding {
  return { severity: 'warning', code, file: where.file, line: where.line, params };
}
