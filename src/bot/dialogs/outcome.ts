/**
 * The end of a flow: choose the outcome, store its record first when it saves one
 * (consent is guaranteed by the flow check), then tell the user, then notify staff.
 */
import type { TurnContext } from 'botbuilder';
import { chooseOutcome, fillPlaceholders, savedKind, type Answers, type Flow, type Lang, type Outcome } from '../../core/flows';
import type { StoredRecord } from '../../core/records';
import type { ButtonValue } from '../../core/conversation/button-value';
import { postBack, type Button, type Reply } from '../../core/conversation/reply';
import { renderReply } from '../render';
import type { FlowDialogDeps } from './deps';
import { flowT } from './i18n';
import { notifyStaff } from './staff-notice';

export interface FlowProgress {
  answers: Answers;
  recentQuestions?: string[];
}

export async function completeFlow(context: TurnContext, flow: Flow, progress: FlowProgress, deps: FlowDialogDeps): Promise<void> {
  const lang = await deps.userLang(context);
  const outcome = chooseOutcome(flow, progress.answers);
  const kind = savedKind(outcome);
  let stored: StoredRecord | undefined;
  if (kind) {
    try {
      stored = await deps.records.append(kind, recordOf(context, flow, outcome, progress, lang, deps.newReference()));
    } catch (err) {
      deps.logger.error({ err: err instanceof Error ? err.message : String(err), flow: flow.id }, 'could not store a flow record');
      await context.sendActivity(renderReply({ text: flowT(lang)('save.failed'), buttons: [] }, context.activity.channelId));
      return;
    }
    await remember(context, flow, progress.answers, deps);
  }
  const vars = textVars(flow, progress.answers);
  if (stored) vars.reference = String(stored.reference);
  await context.sendActivity(renderReply(outcomeReply(outcome, lang, vars, deps), context.activity.channelId));
  if (stored && 'notify' in outcome && outcome.notify && deps.notifyUrl) {
    await notifyStaff(stored, flow, {
      url: deps.notifyUrl,
      timeoutMs: deps.notifyTimeoutMs ?? 5000,
      fetch: deps.fetch,
      logger: deps.logger,
      lang: deps.staffLang,
    });
  }
}

function recordOf(context: TurnContext, flow: Flow, outcome: Outcome, progress: FlowProgress, lang: Lang, reference: string): Record<string, unknown> {
  const { activity } = context;
  return {
    reference,
    flow: flow.id,
    outcome: outcome.id,
    lang,
    answers: progress.answers,
    ...(progress.recentQuestions ? { recentQuestions: progress.recentQuestions } : {}),
    channelId: activity.channelId,
    conversationId: activity.conversation?.id,
    userId: activity.from?.id,
  };
}

/** Keeps the answers of `remember` steps for later flows (the hand-over skips what it knows). */
async function remember(context: TurnContext, flow: Flow, answers: Answers, deps: FlowDialogDeps): Promise<void> {
  if (!deps.rememberedAnswers) return;
  const kept = Object.fromEntries(flow.steps.filter((s) => s.remember && answers[s.id] !== undefined).map((s) => [s.id, answers[s.id]]));
  if (Object.keys(kept).length === 0) return;
  const previous = (await deps.rememberedAnswers.get(context, {})) ?? {};
  await deps.rememberedAnswers.set(context, { ...previous, ...kept } as Answers);
}

/** Values for {{placeholders}}: text and number answers only (the flow check enforces it). */
export function textVars(flow: Flow, answers: Answers): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const step of flow.steps) {
    const value = answers[step.id];
    if (value !== undefined && (step.kind === 'text' || step.kind === 'number')) vars[step.id] = String(value);
  }
  return vars;
}

function outcomeReply(outcome: Outcome, lang: Lang, vars: Record<string, string>, deps: FlowDialogDeps): Reply {
  const parts = [outcome.text[lang], outcome.next?.[lang]].filter((p): p is string => Boolean(p));
  const text = parts.map((p) => fillPlaceholders(p, vars)).join('\n\n');
  const buttons = (outcome.offer ?? []).map((offer) => offerButton(offer, lang, deps)).filter((b): b is Button => b !== undefined);
  return { text, buttons };
}

function offerButton(offer: { entry?: string; flow?: string; label?: Record<Lang, string> }, lang: Lang, deps: FlowDialogDeps): Button | undefined {
  if (offer.flow !== undefined) {
    const title = offer.label?.[lang] ?? deps.flows().byId.get(offer.flow)?.title[lang];
    // A flow removed by a later edit is not offered rather than offered broken.
    if (!title) return undefined;
    return postBack(title, { action: 'flow', flow: offer.flow } satisfies ButtonValue);
  }
  if (offer.entry !== undefined) {
    const canLookUp = deps.answerer?.entry !== undefined;
    const entry = deps.answerer?.entry?.(offer.entry);
    // An entry removed from the knowledge base is not offered; without a lookup the id is the best title.
    if (canLookUp && !entry) return undefined;
    const title = offer.label?.[lang] ?? entry?.question[lang] ?? offer.entry;
    return postBack(title, { action: 'entry', id: offer.entry });
  }
  return undefined;
}
