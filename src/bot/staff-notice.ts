/**
 * Tells staff about a stored record through a Teams incoming-webhook style URL:
 * a JSON message with one Adaptive Card. The record is already on disk when this
 * runs, so a failed POST is logged and nothing else happens.
 */
import { CardFactory } from 'botbuilder';
import type { Translator } from '../core/content/catalogue';
import type { EngineLogger } from '../core/engine';
import type { Flow, Lang } from '../core/flows';
import type { StoredRecord } from '../core/records';

export interface StaffNoticeOptions {
  url: string;
  timeoutMs: number;
  fetch: typeof fetch;
  logger: EngineLogger;
  lang: Lang;
  t: Translator;
}

type CardElement = Record<string, unknown>;

export function staffCard(record: StoredRecord, flow: Flow | undefined, lang: Lang, translate: Translator): CardElement {
  const t = (key: string) => translate(lang, `flows:${key}`);
  const answers = (record.answers ?? {}) as Record<string, unknown>;
  const questions = Array.isArray(record.recentQuestions) ? record.recentQuestions.map(String) : [];
  const facts = [
    { title: t('staff.reference'), value: String(record.reference ?? record.id) },
    { title: t('staff.time'), value: record.at },
    { title: t('staff.language'), value: String(record.lang ?? '') },
    { title: t('staff.channel'), value: String(record.channelId ?? '') },
    ...Object.entries(answers).map(([step, value]) => ({ title: step, value: answerText(flow, step, value, lang, t) })),
  ];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      { type: 'TextBlock', size: 'Medium', weight: 'Bolder', wrap: true, text: t(`staff.title.${record.kind}`) },
      { type: 'FactSet', facts },
      { type: 'TextBlock', weight: 'Bolder', wrap: true, text: t('staff.recentQuestions') },
      {
        type: 'TextBlock',
        wrap: true,
        text: questions.length > 0 ? questions.map((q) => `- ${escapeMarkdown(q)}`).join('\n') : t('staff.noQuestions'),
      },
    ],
  };
}

/**
 * Students' words reach staff's Teams: Markdown in them ("[Reset password](https://...)")
 * must show as typed, not become a link that seems to come from the bot.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (character) => `\\${character}`);
}

/** Choice ids become their labels and yes/no a word, so staff need not know the flow file. */
function answerText(flow: Flow | undefined, stepId: string, value: unknown, lang: Lang, t: (key: string) => string): string {
  const step = flow?.steps.find((s) => s.id === stepId);
  if (typeof value === 'boolean') return t(value ? 'staff.yes' : 'staff.no');
  if (step?.kind === 'choice') return step.choices.find((c) => c.id === value)?.label[lang] ?? String(value);
  return String(value);
}

export function staffMessage(card: CardElement): object {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}

/** Resolves true when staff were notified; never rejects. */
export async function notifyStaff(record: StoredRecord, flow: Flow | undefined, options: StaffNoticeOptions): Promise<boolean> {
  try {
    const response = await options.fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(staffMessage(staffCard(record, flow, options.lang, options.t))),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return true;
  } catch (err) {
    options.logger.warn(
      { err: err instanceof Error ? err.message : String(err), recordId: record.id, kind: record.kind },
      'staff notification failed; the record is stored',
    );
    return false;
  }
}
