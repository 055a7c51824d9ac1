/**
 * Turns a ReplyPlan into the reply a channel shows: catalogue strings through the
 * translator, entry texts from the knowledge base, flow texts from the dialogs, with
 * {{placeholders}} filled. A reference to something a reload removed resolves to an
 * empty text (and its button is dropped) rather than failing the turn.
 */
import { fillPlaceholders, type Flow, type FlowSet, type Step } from '../flows';
import type { Answerer, Lang } from '../knowledge/types';
import { settingValues, type ContentSettings } from '../settings/content-settings';
import type { Params, ReplyPlan, Text } from './plan';
import type { Button, Reply, Translator } from './reply';

export interface ResolveContent {
  t: Translator;
  answerer: Pick<Answerer, 'entry'>;
  flows: FlowSet;
  /** Values flow texts may name: {{officeHours}}, {{retentionDays}}, {{privacyUrl}}. */
  settings?: ContentSettings;
}

export function resolvePlan(reply: ReplyPlan, content: ResolveContent): Reply {
  const say = (text: Text) => resolveText(text, reply.lang, content);
  const buttons: Button[] = [];
  for (const b of reply.buttons) {
    const title = say(b.title);
    if (title === '') continue;
    const short = shortTitle(b.title, reply.lang, content);
    const extra = short !== undefined && short !== '' ? { short } : {};
    buttons.push('url' in b ? { kind: 'openUrl', title, url: b.url, ...extra } : { kind: 'postBack', title, value: b.value, ...extra });
  }
  return {
    text: reply.texts.map(say).filter((p) => p !== '').join('\n\n'),
    buttons,
    ...(reply.trace ? { trace: reply.trace } : {}),
    ...(reply.expectsAnswer ? { expectsAnswer: true } : {}),
    ...(reply.page ? { more: { title: content.t(reply.lang, 'menu.more'), area: reply.page.area, from: reply.page.from } } : {}),
  };
}

/**
 * The short title the content gives a button, if any: an entry's question, a flow's start
 * button or a choice have `short` in their YAML; a catalogue string `x.y` has `short.x.y`.
 */
function shortTitle(title: Text, lang: Lang, content: ResolveContent): string | undefined {
  if ('key' in title) {
    if (title.key.includes(':')) return undefined;
    const name = `short.${title.key}`;
    const value = content.t(title.lang ?? lang, name);
    // The catalogue gives back the key itself for a string it does not have.
    return value === name ? undefined : value;
  }
  if ('entry' in title && !('link' in title) && title.field === 'question') return content.answerer.entry(title.entry)?.short?.[lang];
  if ('flow' in title && 'field' in title && title.field === 'button' && !('step' in title) && !('outcome' in title)) return content.flows.byId.get(title.flow)?.short?.[lang];
  if ('choice' in title) {
    const step = content.flows.byId.get(title.flow)?.steps.find((s) => s.id === title.step);
    return step?.kind === 'choice' ? step.choices.find((c) => c.id === title.choice)?.short?.[lang] : undefined;
  }
  return undefined;
}

export function resolveText(text: Text, lang: Lang, content: ResolveContent): string {
  if ('join' in text) return text.join.map((part) => resolveText(part, lang, content)).filter(Boolean).join(' ');
  if ('key' in text) {
    const inLang = text.lang ?? lang;
    const value = content.t(inLang, text.key, resolveParams(text.params, inLang, content));
    return text.style === 'bold' ? `**${value}**` : text.style === 'italic' ? `_${value}_` : value;
  }
  if ('entry' in text) {
    const entry = content.answerer.entry(text.entry);
    if ('link' in text) return entry?.links[text.link]?.title[lang] ?? '';
    const parentWording = text.field === 'answer' && text.audience === 'parent' ? entry?.answer.parent?.[lang] : undefined;
    const value = parentWording ?? entry?.[text.field][lang] ?? '';
    // An answer may name a setting too (the privacy notice says how long records are kept).
    return content.settings && value.includes('{{') ? fillPlaceholders(value, settingValues(content.settings, lang, content.t)) : value;
  }
  const flow = content.flows.byId.get(text.flow);
  if (!flow) return '';
  const settings = content.settings ? settingValues(content.settings, lang, content.t) : {};
  return fillPlaceholders(flowText(flow, text, lang), { ...settings, ...stringParams(text, lang, content) });
}

function flowText(flow: Flow, text: Exclude<Text, { key: string } | { entry: string } | { join: Text[] }>, lang: Lang): string {
  if ('choice' in text) {
    const step = findStep(flow, text.step);
    return step?.kind === 'choice' ? (step.choices.find((c) => c.id === text.choice)?.label[lang] ?? '') : '';
  }
  if ('step' in text) {
    const step = findStep(flow, text.step);
    const wording = step?.[text.field];
    return (text.audience === 'parent' ? wording?.parent?.[lang] : undefined) ?? wording?.[lang] ?? '';
  }
  if ('outcome' in text) {
    const outcome = [...flow.outcomes, flow.default].find((o) => o.id === text.outcome);
    if (!outcome) return '';
    if ('offer' in text) return outcome.offer?.[text.offer]?.label?.[lang] ?? '';
    const wording = outcome[text.field];
    return (text.audience === 'parent' ? wording?.parent?.[lang] : undefined) ?? wording?.[lang] ?? '';
  }
  if (text.field === 'button') return (flow.button ?? flow.title)[lang];
  return flow[text.field]?.[lang] ?? '';
}

function findStep(flow: Flow, id: string): Step | undefined {
  return flow.steps.find((s) => s.id === id);
}

function stringParams(text: Text, lang: Lang, content: ResolveContent): Record<string, string> {
  const params = 'params' in text ? text.params : undefined;
  return Object.fromEntries(Object.entries(resolveParams(params, lang, content) ?? {}).map(([k, v]) => [k, String(v)]));
}

function resolveParams(params: Params | undefined, lang: Lang, content: ResolveContent): Record<string, string | number> | undefined {
  if (!params) return undefined;
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, typeof value === 'object' ? resolveText(value, lang, content) : value]),
  );
}
