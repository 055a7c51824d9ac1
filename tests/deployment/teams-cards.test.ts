/**
 * Every Adaptive Card the bot sends on Teams, collected from the real bot process
 * (src/index.ts with the shipped knowledge, flows and strings) in both languages:
 * the welcome, the help, every area menu, every entry's answer, "did you mean", the
 * fallback, the language switch, feedback, hand-over, cancel and the first step of
 * every guided flow. Each card is parsed by the `adaptivecards` package at version 1.5
 * (what Teams renders) and must raise no warning, keep every property through a
 * parse/serialise round trip (nothing unknown to 1.5), and show button titles that
 * fit a Teams button without a word cut in half.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { parse as parseYaml } from 'yaml';
import { conversation, ROOT, startBot } from '../integration/harness';
import { loadAnswerer } from '../../src/core/knowledge/load-answerer';
import type { Lang } from '../../src/core/knowledge/types';

// The package's ES module build imports files without extensions, which Node cannot load; its UMD build works.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

jest.setTimeout(240_000);

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const MAX_TITLE = 40;

interface SentCard {
  /** What was sent to get it, for the failure message. */
  trigger: string;
  card: Record<string, unknown>;
}

let bot: ReturnType<typeof startBot>;
let url: string;
const cards: SentCard[] = [];
/** The knowledge-base decision of the last reply to each trigger (without the language). */
const decisions = new Map<string, string>();

async function post(activity: Record<string, unknown>): Promise<Activity[]> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text}`);
  return ((text ? JSON.parse(text) : {}) as { activities?: Activity[] }).activities ?? [];
}

function collect(trigger: string, activities: Activity[]): void {
  for (const activity of activities) {
    const decision = (activity.channelData as { decision?: string } | undefined)?.decision;
    if (decision) decisions.set(trigger.split(' ')[1], decision);
    for (const attachment of activity.attachments ?? []) {
      if (attachment.contentType === ADAPTIVE) cards.push({ trigger, card: attachment.content as Record<string, unknown> });
    }
  }
}

beforeAll(async () => {
  bot = startBot({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pn-cards-')), WATCH_CONTENT: 'false', RATE_LIMIT_CONVERSATION_PER_MINUTE: '0', RATE_LIMIT_IP_PER_MINUTE: '0' });
  url = `http://127.0.0.1:${await bot.port}`;
  const answerer = await loadAnswerer({ knowledgeDir: path.join(ROOT, 'knowledge') });
  const { content } = answerer;
  /** A message the knowledge base meets with "did you mean": the first words of some question. */
  const vague = (lang: Lang) =>
    content.kb.entries
      .flatMap((entry) => [2, 3, 4].map((words) => entry.question[lang].split(' ').slice(0, words).join(' ')))
      .find((text) => answerer.decide(text).kind === 'suggest') ?? 'no vague question found';
  const entries = content.kb.entries;
  const areas = [...new Set(entries.map((entry) => entry.area))];
  const flows = readdirSync(path.join(ROOT, 'dialogs'))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => (parseYaml(readFileSync(path.join(ROOT, 'dialogs', file), 'utf8')) as { id: string }).id);

  for (const [lang, locale] of [
    ['vi', 'vi-VN'],
    ['en', 'en-US'],
  ] as Array<[Lang, string]>) {
    const chat = conversation({ channelId: 'msteams', locale });
    const send = async (trigger: string, activity: Record<string, unknown>) => collect(`${lang} ${trigger}`, await post(activity));
    await send('join', chat.join());
    await send('help', chat.click({ action: 'menu' }));
    for (const area of areas) await send(`menu ${area}`, chat.click({ action: 'menu', area }));
    for (const entry of entries) await send(`entry ${entry.id}`, chat.click({ action: 'entry', id: entry.id }));
    // "Did you mean" and "I don't know": a vague word and an off-topic question.
    await send('vague', conversation({ channelId: 'msteams', locale }).message(vague(lang)));
    await send('off-topic', conversation({ channelId: 'msteams', locale }).message(lang === 'vi' ? 'giá vé máy bay đi Paris' : 'price of a flight to Paris'));
    await send('switch', chat.click({ action: 'lang', lang: lang === 'vi' ? 'en' : 'vi' }));
    await send('switch back', chat.click({ action: 'lang', lang }));
    for (const flow of flows) {
      const flowChat = conversation({ channelId: 'msteams', locale });
      await send(`flow ${flow}`, flowChat.click({ action: 'flow', flow }));
      await send(`flow ${flow} cancel`, flowChat.click({ action: 'menu' }));
    }
    await send('handoff', conversation({ channelId: 'msteams', locale }).click({ action: 'handoff' }));
    // Last: a 👎 may ask for a comment, which would take the next message.
    await send('feedback', chat.click({ action: 'feedback', id: entries[0].id, vote: 'down' }));
  }
});

afterAll(async () => {
  bot?.child.kill('SIGTERM');
  await bot?.exited;
});

/** Warnings from parsing at 1.5, and from the card's own validation. */
function problemsOf(card: Record<string, unknown>): string[] {
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  // A property the 1.5 object model does not know is dropped on the way back out.
  const roundTrip = parsed.toJSON(context);
  if (JSON.stringify(sortKeys(roundTrip)) !== JSON.stringify(sortKeys(card))) {
    problems.push(`does not survive a round trip: ${JSON.stringify(roundTrip)}`);
  }
  return problems;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, child]) => child !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, child]) => [key, sortKeys(child)]),
    );
  }
  return value;
}

function actionsOf(card: Record<string, unknown>): Array<Record<string, unknown>> {
  const body = (card.body as Array<Record<string, unknown>>) ?? [];
  return [...body.flatMap((element) => (element.actions as Array<Record<string, unknown>>) ?? []), ...((card.actions as Array<Record<string, unknown>>) ?? [])];
}

describe('Adaptive Cards sent on Teams', () => {
  it('were collected from every kind of reply', () => {
    const triggers = new Set(cards.map((sent) => sent.trigger.split(' ')[1]));
    // The vague word and the off-topic question really gave "did you mean" and "I don't know".
    expect(decisions.get('vague')).toBe('suggest');
    expect(decisions.get('off-topic')).toBe('fallback');
    expect([...triggers].sort()).toEqual(
      expect.arrayContaining(['entry', 'feedback', 'flow', 'handoff', 'help', 'join', 'menu', 'off-topic', 'switch', 'vague']),
    );
    console.log(`validated ${cards.length} Adaptive Cards from the bot (both languages)`);
  });

  it('are all version 1.5 and valid for the adaptivecards package at 1.5', () => {
    const failures = cards
      .map((sent) => ({ trigger: sent.trigger, version: sent.card.version, problems: problemsOf(sent.card) }))
      .filter((result) => result.version !== '1.5' || result.problems.length > 0);
    expect(failures).toEqual([]);
  });

  it('show button titles that fit a Teams button and end on a whole word', () => {
    const bad = cards.flatMap((sent) =>
      actionsOf(sent.card)
        .filter((action) => {
          const title = String(action.title);
          if (title.length > MAX_TITLE) return true;
          if (!title.endsWith('…')) return false;
          // A shortened title keeps the whole text as its tooltip and is a prefix of it, cut between words.
          const full = String(action.tooltip ?? '');
          const kept = title.slice(0, -1);
          return !full.startsWith(kept) || !/^[\s,;:.\-–(]/.test(full.slice(kept.length));
        })
        .map((action) => `${sent.trigger}: ${String(action.title)}`),
    );
    expect(bad).toEqual([]);
  });

  it('catch a card Teams could not render (the check can fail)', () => {
    expect(problemsOf({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok', text: 'x' }] })).not.toEqual([]);
    expect(problemsOf({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', wrapp: true }] })).not.toEqual([]);
  });
});
