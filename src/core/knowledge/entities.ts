/**
 * What entries are about (knowledge/entities.yaml): the country, vendor, organisation and
 * exam each entry answers for (Japan, Microsoft, PN, JLPT), and the others of the same kind
 * students ask about instead (Korea, AWS, another university, TOPIK). A message that names
 * one of a kind, and none of that kind the entry is about, is not that entry's question
 * however close its words are: "Xin visa Hàn Quốc" is not Japan's visa question.
 *
 * Names are matched like lexicon keys: on the normalised words of the message, a name
 * written without accents also matching accented typing ("han quoc" matches "Hàn Quốc"),
 * one written with accents only that spelling ("hàn" is not "hạn").
 */
import { z } from 'zod';
import { fold } from '../language/fold';
import { hasVietnameseLetters, normalizeVietnamese, tokenize } from '../language/normalize';
import type { KnowledgeEntry } from './types';

/**
 * `place`: a region or city inside a country (Tochigi, Gunma, Osaka): what "còn X", "there" and "the other prefecture" may be about.
 * `visa`: a kind of residence status (engineer, Specified Skilled Worker): what "nó", "it", "loại đó" may stand for.
 */
export const ENTITY_KINDS = ['country', 'vendor', 'organisation', 'exam', 'place', 'visa'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

const entitySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an entity id is lower-case letters, digits and dashes'),
  /** How people write it, lower case. */
  names: z.array(z.string().trim().min(1)).min(1),
  /** The entries about it: ids, or `area.*` for a whole area. None: it is one we do not answer for. */
  entries: z.array(z.string().regex(/^[a-z0-9]+\.(\*|[a-z0-9-]+)$/, 'write an entry id (pn.eligibility) or a whole area (pn.*)')).default([]),
});

export const entitiesFileSchema = z.strictObject(Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, z.array(entitySchema).default([])])) as Record<EntityKind, z.ZodDefault<z.ZodArray<typeof entitySchema>>>);

export type EntitiesFile = z.output<typeof entitiesFileSchema>;

/** The entities a message names, by kind. */
export type Mentions = Map<EntityKind, Set<string>>;

interface Name {
  tokens: string[];
  accentSensitive: boolean;
  kind: EntityKind;
  entity: string;
}

export class Entities {
  /** Names by their first word (folded), longest first. */
  private readonly namesByFirst = new Map<string, Name[]>();
  /** For each entry, the entities of each kind it is about. */
  private readonly aboutByEntry = new Map<string, Map<EntityKind, Set<string>>>();
  /** How many entries each entity is about, by `kind:id` (none: one we do not answer for). */
  private readonly entryCounts = new Map<string, number>();
  /** Each entity's first name, by `kind:id`, and the entities of each kind in the file's order. */
  private readonly firstNames = new Map<string, string>();
  private readonly idsByKind = new Map<EntityKind, string[]>();

  constructor(file: EntitiesFile, entries: readonly Pick<KnowledgeEntry, 'id' | 'area'>[]) {
    for (const kind of ENTITY_KINDS) {
      this.idsByKind.set(kind, file[kind].map((entity) => entity.id));
      for (const entity of file[kind]) {
        this.firstNames.set(`${kind}:${entity.id}`, normalizeVietnamese(entity.names[0]));
        for (const written of entity.names) this.addName({ tokens: tokenize(normalizeVietnamese(written)), accentSensitive: hasVietnameseLetters(written), kind, entity: entity.id });
        for (const entry of entries.filter((candidate) => entity.entries.some((pattern) => matchesPattern(pattern, candidate)))) {
          const about = this.aboutByEntry.get(entry.id) ?? new Map<EntityKind, Set<string>>();
          about.set(kind, (about.get(kind) ?? new Set<string>()).add(entity.id));
          this.aboutByEntry.set(entry.id, about);
          this.entryCounts.set(`${kind}:${entity.id}`, (this.entryCounts.get(`${kind}:${entity.id}`) ?? 0) + 1);
        }
      }
    }
  }

  static readonly NONE = new Entities(entitiesFileSchema.parse({}), []);

  /** The entities a text names; `tokens`, its normalised words, when the caller has them (a text analysis). */
  mentions(text: string, tokens: readonly string[] = tokenize(normalizeVietnamese(text))): Mentions {
    const found: Mentions = new Map();
    for (let at = 0; at < tokens.length; at++) {
      for (const name of this.namesByFirst.get(fold(tokens[at])) ?? []) {
        if (!nameAt(name, tokens, at) || negatedAt(tokens, at)) continue;
        found.set(name.kind, (found.get(name.kind) ?? new Set<string>()).add(name.entity));
      }
    }
    return found;
  }

  /**
   * The message names something of a kind the entry is about, and none of the entry's own
   * of that kind: "TOPIK" for the JLPT's dates, "AWS" for a Microsoft certificate.
   */
  contradicts(entryId: string, mentions: Mentions): boolean {
    const about = this.aboutByEntry.get(entryId);
    if (!about) return false;
    for (const [kind, named] of mentions) {
      const own = about.get(kind);
      if (own && ![...named].some((entity) => own.has(entity))) return true;
    }
    return false;
  }

  /**
   * The message names a country, vendor, organisation or exam we do not answer for (Korea, AWS,
   * Duy Tân, HSK) and nothing we do, of any kind: it is a near miss, not our question. Places
   * and visas are left out: a city in Japan or a kind of visa is often the setting of our own
   * question ("a job offer in Tokyo: which visa?").
   */
  namesOnlyOthers(mentions: Mentions): boolean {
    let others = false;
    for (const [kind, named] of mentions) {
      for (const entity of named) {
        if (this.isOurs(kind, entity)) return false;
        if (kind !== 'place' && kind !== 'visa') others = true;
      }
    }
    return others;
  }

  /**
   * Like namesOnlyOthers, and one of those others is what the text asks about, not something
   * the student has, needs or studied ("em có IELTS 6.5 rồi thì...", "i have a toeic
   * certificate", "có cần IELTS để nộp hồ sơ"): such a question is ours, the thing its setting.
   * "when is the HSK exam", "học phí FPT Polytechnic" ask about the other thing.
   */
  asksAboutOthers(mentions: Mentions, text: string): boolean {
    if (!this.namesOnlyOthers(mentions)) return false;
    const tokens = tokenize(normalizeVietnamese(text));
    return this.spans(text).some(({ kind, entity, at }) => kind !== 'place' && kind !== 'visa' && !this.isOurs(kind, entity) && !heldAt(tokens, at));
  }

  /**
   * Where a text names something, in order: the word position and length of each name
   * (longest name first at a position; one name per position). The follow-ups (thread.ts)
   * put another thing in its place.
   */
  spans(text: string): { kind: EntityKind; entity: string; at: number; length: number; words: string }[] {
    const tokens = tokenize(normalizeVietnamese(text));
    const found: { kind: EntityKind; entity: string; at: number; length: number; words: string }[] = [];
    for (let at = 0; at < tokens.length; at++) {
      const name = (this.namesByFirst.get(fold(tokens[at])) ?? []).find((candidate) => nameAt(candidate, tokens, at));
      if (!name) continue;
      found.push({ kind: name.kind, entity: name.entity, at, length: name.tokens.length, words: tokens.slice(at, at + name.tokens.length).join(' ') });
      at += name.tokens.length - 1;
    }
    return found;
  }

  /** The things a text names, in order (see spans). */
  named(text: string): { kind: EntityKind; entity: string; words: string }[] {
    return this.spans(text).map(({ kind, entity, words }) => ({ kind, entity, words }));
  }

  /** Some entry is about this thing: it is one we answer for. */
  isOurs(kind: EntityKind, entity: string): boolean {
    return this.entryCount(kind, entity) > 0;
  }

  /** How many entries are about this thing (Microsoft: the whole ms area; PTIT: three). */
  entryCount(kind: EntityKind, entity: string): number {
    return this.entryCounts.get(`${kind}:${entity}`) ?? 0;
  }

  /** The things of a kind we answer for, but `except`, each with its first name: "the other prefecture" after Tochigi is Gunma. */
  oursOfKind(kind: EntityKind, except: string): { entity: string; words: string }[] {
    return (this.idsByKind.get(kind) ?? []).filter((entity) => entity !== except && this.isOurs(kind, entity)).map((entity) => ({ entity, words: this.firstNames.get(`${kind}:${entity}`) ?? entity }));
  }

  /** The entities of each kind an entry is about (kb:check and the ask CLI show it). */
  about(entryId: string): ReadonlyMap<EntityKind, ReadonlySet<string>> {
    return this.aboutByEntry.get(entryId) ?? new Map();
  }

  private addName(name: Name): void {
    if (name.tokens.length === 0) return;
    const first = fold(name.tokens[0]);
    const list = this.namesByFirst.get(first) ?? [];
    list.push(name);
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.namesByFirst.set(first, list);
  }
}

/**
 * A denial of going or caring: "em không tính đi Nhật", "I'm not interested in Japan". A name
 * after one is not what the message asks about, so a message about Korea that says it is not
 * about Japan names Korea alone. The negator alone is not enough: "không biết AWS có …", "not
 * sure if Korea …" and "ko biết bên Hàn …" are how questions about that very name open, so the
 * word right after the negator must be one of intending, wanting or going.
 */
const NEGATORS = new Set(['khong', 'ko', 'k', 'hok', 'khg', 'not', 'never', 'dont', "don't", 'nor', 'chua']);
const DENIED_INTENTS = new Set([
  'tinh', 'muon', 'thich', 'di', 'sang', 'quan', 'dinh', 'phai', 'dung',
  'interested', 'going', 'want', 'use', 'using', 'planning', 'plan', 'considering', 'thinking', 'looking', 'into', 'about', 'go', 'moving', 'keen',
]);
/** How many words before a name a denial reaches. */
const NEGATION_REACH = 3;

function negatedAt(tokens: readonly string[], at: number): boolean {
  for (let before = Math.max(0, at - NEGATION_REACH); before < at - 1; before++) {
    if (NEGATORS.has(fold(tokens[before])) && DENIED_INTENTS.has(fold(tokens[before + 1]))) return true;
  }
  return false;
}

/** Words saying the student has, needs or took the thing named next (folded): "có", "cần", "rớt", "have", "failed". */
const HOLDING = new Set(['co', 'can', 'biet', 'hoc', 'rot', 'truot', 'dau', 'dat', 'have', 'has', 'had', 'got', 'need', 'needs', 'passed', 'failed', 'took', 'hold', 'studied', 'studying']);
/** Words that may stand between a holding word and the name: "có bằng IELTS", "have a TOEIC certificate". */
const HOLDING_FILLERS = new Set(['a', 'an', 'the', 'my', 'mot', 'bang', 'chung', 'chi', 'diem']);
/** How many filler words a holding word reaches over. */
const HOLDING_REACH = 2;

/** The name at `at` follows a holding word, over at most HOLDING_REACH fillers. */
function heldAt(tokens: readonly string[], at: number): boolean {
  for (let before = at - 1; before >= Math.max(0, at - 1 - HOLDING_REACH); before--) {
    const word = fold(tokens[before]);
    if (HOLDING.has(word)) return true;
    if (!HOLDING_FILLERS.has(word)) return false;
  }
  return false;
}

/** `pn.*` matches every entry of the pn area; anything else is an entry id. */
export function matchesPattern(pattern: string, entry: Pick<KnowledgeEntry, 'id' | 'area'>): boolean {
  return pattern.endsWith('.*') ? entry.area === pattern.slice(0, -2) : entry.id === pattern;
}

function nameAt(name: Name, tokens: readonly string[], at: number): boolean {
  if (at + name.tokens.length > tokens.length) return false;
  return name.tokens.every((token, offset) => (name.accentSensitive ? tokens[at + offset] === token : fold(tokens[at + offset]) === fold(token)));
}

/**
 * What kb:check reports about the file beyond its shape: a pattern that names no entry,
 * an id used twice, one name given to two entities of a kind.
 */
export function entityProblems(file: EntitiesFile, entries: readonly Pick<KnowledgeEntry, 'id' | 'area'>[]): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  for (const kind of ENTITY_KINDS) {
    const ids = new Set<string>();
    const names = new Map<string, string>();
    file[kind].forEach((entity, index) => {
      if (ids.has(entity.id)) problems.push({ path: [kind, index, 'id'], message: `the ${kind} "${entity.id}" is listed twice` });
      ids.add(entity.id);
      entity.entries.forEach((pattern, at) => {
        if (!entries.some((entry) => matchesPattern(pattern, entry))) problems.push({ path: [kind, index, 'entries', at], message: `"${pattern}" matches no entry` });
      });
      entity.names.forEach((written, at) => {
        const key = normalizeVietnamese(written);
        const other = names.get(key);
        if (other !== undefined && other !== entity.id) problems.push({ path: [kind, index, 'names', at], message: `the name "${written}" is also given to the ${kind} "${other}"` });
        names.set(key, entity.id);
      });
    });
  }
  return problems;
}
