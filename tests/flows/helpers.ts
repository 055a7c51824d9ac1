/** Test helpers for flow dialogs: deps with a switchable language, and what a user sees of a turn. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity, Attachment, CardAction, Middleware } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { fillPlaceholders, loadFlows, newReference, type FlowSet, type Lang } from '../../src/core/flows';
import { JsonlRecordStore } from '../../src/core/records';
import { FlowDialog, type FlowDialogDeps, type FlowStartOptions } from '../../src/bot/dialogs';

export const DIALOGS_DIR = path.join(__dirname, '..', '..', 'dialogs');

let shipped: Promise<FlowSet> | undefined;
export function shippedFlows(): Promise<FlowSet> {
  shipped ??= loadFlows(DIALOGS_DIR);
  return shipped;
}

export async function tempDir(prefix = 'flows-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export interface TestDeps extends FlowDialogDeps {
  lang: Lang;
  records: JsonlRecordStore;
  warnings: object[];
}

export async function makeDeps(overrides: Partial<FlowDialogDeps> = {}, lang: Lang = 'vi'): Promise<TestDeps> {
  const flows = await shippedFlows();
  const warnings: object[] = [];
  const deps: TestDeps = {
    lang,
    flows: () => flows,
    userLang: async () => deps.lang,
    setUserLang: async (_ctx, next) => {
      deps.lang = next;
    },
    records: new JsonlRecordStore(await tempDir('records-')),
    warnings,
    logger: { warn: (obj) => warnings.push(obj), error: (obj) => warnings.push(obj) },
    newReference: () => newReference(),
    fetch: (input, init) => fetch(input, init),
    staffLang: 'vi',
    ...overrides,
  } as TestDeps;
  return deps;
}

/** A user talking to one flow dialog. */
export class FlowChat {
  readonly client: DialogTestClient;

  constructor(flowId: string, deps: FlowDialogDeps, options: FlowStartOptions = {}, middlewares: Middleware[] = [], channelId = 'test') {
    this.client = new DialogTestClient(channelId, new FlowDialog(flowId, deps), options, middlewares);
  }

  /** Sends a message and returns everything the bot replied in that turn. */
  async say(text: string): Promise<Partial<Activity>[]> {
    const first = (await this.client.sendActivity(text)) as Partial<Activity> | undefined;
    const replies: Partial<Activity>[] = first ? [first] : [];
    for (let next = this.client.getNextReply(); next; next = this.client.getNextReply()) replies.push(next);
    return replies;
  }

  /** Like say, but returns what the user reads, one string per reply. */
  async read(text: string): Promise<string[]> {
    return (await this.say(text)).map(visible);
  }

  get status(): string {
    return this.client.dialogTurnResult.status;
  }
}

/** The text, card text and button titles of an activity, as the user sees them. */
export function visible(activity: Partial<Activity>): string {
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  for (const a of activity.attachments ?? []) parts.push(...attachmentText(a));
  for (const action of activity.suggestedActions?.actions ?? []) parts.push(`[${action.title}]`);
  return parts.join('\n');
}

export function buttonsOf(activity: Partial<Activity>): CardAction[] {
  const fromCards = (activity.attachments ?? []).flatMap((a) => ((a.content as { buttons?: CardAction[] })?.buttons ?? []));
  return [...(activity.suggestedActions?.actions ?? []), ...fromCards];
}

function attachmentText(a: Attachment): string[] {
  const content = a.content as Record<string, unknown>;
  if (a.contentType === 'application/vnd.microsoft.card.adaptive') {
    return collectAdaptive(content);
  }
  const parts: string[] = [];
  if (typeof content.title === 'string' && content.title) parts.push(content.title);
  if (typeof content.text === 'string' && content.text) parts.push(content.text);
  for (const b of (content.buttons as CardAction[] | undefined) ?? []) parts.push(`[${b.title}]`);
  return parts;
}

function collectAdaptive(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(collectAdaptive);
  if (typeof node !== 'object' || node === null) return [];
  const el = node as Record<string, unknown>;
  const own: string[] = [];
  if (el.type === 'TextBlock' && typeof el.text === 'string') own.push(el.text);
  if (typeof el.type === 'string' && el.type.startsWith('Action.') && typeof el.title === 'string') own.push(`[${el.title}]`);
  return [...own, ...collectAdaptive(el.body), ...collectAdaptive(el.actions)];
}

/** Plays a list of answers and returns the replies of the last one. */
export async function play(chat: FlowChat, answers: string[]): Promise<string[]> {
  let last: string[] = [];
  for (const a of answers) last = await chat.read(a);
  return last;
}

/** The reference number in a confirmation, e.g. PN-7KQ2XM. */
export const REFERENCE_IN_TEXT = /PN-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}/;

/** Button values (messageBack/Action.Submit data) of an activity, for asserting what is offered. */
export function offeredValues(activity: Partial<Activity>): unknown[] {
  const fromActions = buttonsOf(activity).map((b) => b.value);
  const adaptive = (activity.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .flatMap((a) => collectSubmitData(a.content));
  return [...fromActions, ...adaptive];
}

function collectSubmitData(node: unknown): unknown[] {
  if (Array.isArray(node)) return node.flatMap(collectSubmitData);
  if (typeof node !== 'object' || node === null) return [];
  const el = node as Record<string, unknown>;
  const own = el.type === 'Action.Submit' ? [el.data] : [];
  return [...own, ...collectSubmitData(el.body), ...collectSubmitData(el.actions)];
}

/**
 * What an outcome of a shipped flow tells the user (its text and next step, placeholders
 * filled), read from dialogs/: tests find an outcome by its id, never by copied wording.
 */
export async function outcomeSays(flowId: string, outcomeId: string, lang: Lang, vars: Record<string, string> = {}): Promise<string> {
  const flow = (await shippedFlows()).byId.get(flowId);
  const outcome = [...(flow?.outcomes ?? []), flow?.default].find((o) => o?.id === outcomeId);
  if (!outcome) throw new Error(`flow "${flowId}" has no outcome "${outcomeId}"`);
  const parts = [outcome.text[lang], outcome.next?.[lang]].filter((p): p is string => Boolean(p));
  return parts.map((p) => fillPlaceholders(p, vars)).join('\n\n');
}
