/**
 * Conversation transcripts (tests/conversations/*.yaml): what the user says or clicks,
 * then what the bot decides, by ids: the labels of each reply (channelData.says:
 * "prompt:contact.name", "key:flows:reason.phone", "entry:pn.eligibility"), the button
 * values it offers, and the records written. The same file runs through the engine
 * directly and through the real HTTP server, so neither can drift from the other,
 * and no wording is copied from locales/ or dialogs/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface TranscriptTurn {
  say?: string;
  click?: Record<string, unknown>;
  /** One item per reply, in order: a label, or labels, the reply must include. */
  bot: Array<string | string[]>;
  /** Button values some reply of the turn must offer. */
  offers?: unknown[];
  /** Button values no reply of the turn may offer. */
  notOffers?: unknown[];
  /** Labels no reply of the turn may carry. */
  notSays?: string[];
  /** Records written in this turn (each matched as a subset, in any order); [] = none. */
  records?: Array<Record<string, unknown>>;
}

export interface Transcript {
  name: string;
  file: string;
  locale?: string;
  turns: TranscriptTurn[];
}

export const TRANSCRIPT_DIR = __dirname;
/** Every transcript run gets this reference number, so records can be matched. */
export const TEST_REFERENCE = 'PN-TEST22';

export function loadTranscripts(): Transcript[] {
  return readdirSync(TRANSCRIPT_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .flatMap((name) => {
      const docs = parse(readFileSync(path.join(TRANSCRIPT_DIR, name), 'utf8')) as Omit<Transcript, 'file'>[];
      return docs.map((doc) => ({ ...doc, file: name }));
    });
}

/** What one turn produced, as both drivers see it. */
export interface TurnOutcome {
  replies: string[][];
  buttons: unknown[];
  records: Array<Record<string, unknown>>;
}

/** Checks one turn against its transcript lines; the message names the turn. */
export function checkTurn(turn: TranscriptTurn, index: number, outcome: TurnOutcome): void {
  const where = `turn ${index + 1} (${turn.say ?? JSON.stringify(turn.click)})`;
  const expected = turn.bot.map((item) => (Array.isArray(item) ? item : [item]));
  expect({ where, replies: outcome.replies }).toEqual({ where, replies: expect.any(Array) });
  expect({ where, says: outcome.replies, count: outcome.replies.length }).toEqual({ where, says: outcome.replies, count: expected.length });
  expected.forEach((labels, i) => {
    const missing = labels.filter((label) => !(outcome.replies[i] ?? []).includes(label));
    expect({ where, reply: i + 1, says: outcome.replies[i], missing }).toEqual({ where, reply: i + 1, says: outcome.replies[i], missing: [] });
  });
  for (const value of turn.offers ?? []) expect({ where, buttons: outcome.buttons }).toEqual({ where, buttons: expect.arrayContaining([value]) });
  for (const value of turn.notOffers ?? []) expect({ where, buttons: outcome.buttons }).toEqual({ where, buttons: expect.not.arrayContaining([value]) });
  for (const label of turn.notSays ?? []) expect({ where, says: outcome.replies.flat() }).toEqual({ where, says: expect.not.arrayContaining([label]) });
  if (turn.records) {
    expect({ where, records: outcome.records.length }).toEqual({ where, records: turn.records.length });
    for (const record of turn.records) {
      expect({ where, records: outcome.records }).toEqual({ where, records: expect.arrayContaining([expect.objectContaining(deepPartial(record))]) });
    }
  }
}

/** Nested objects in a record expectation match as subsets too. */
function deepPartial(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, typeof v === 'object' && v !== null && !Array.isArray(v) ? expect.objectContaining(deepPartial(v as Record<string, unknown>)) : v]),
  );
}
