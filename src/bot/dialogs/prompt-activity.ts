/**
 * Builds the message that asks a step, in the language of the moment: the question,
 * an optional reason it is asked again, and the choices as buttons that send their
 * label as text (so a tap and a typed answer are recognised the same way).
 */
import { ActionTypes, CardFactory, InputHints, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import { fillPlaceholders, type Lang, type Step } from '../../core/flows';
import { flowT } from './i18n';

export interface RetryReason {
  reason: string;
  params?: Record<string, number>;
  attempt: number;
}

/** After this many refused answers the re-prompt also says how to stop. */
const CANCEL_HINT_AFTER = 2;

export function stepLabels(step: Step, lang: Lang): string[] {
  if (step.kind === 'choice') return step.choices.map((c) => c.label[lang]);
  if (step.kind === 'confirm') {
    const t = flowT(lang);
    return [t('confirm.yes'), t('confirm.no')];
  }
  return [];
}

export function promptActivity(
  step: Step,
  lang: Lang,
  channelId: string,
  vars: Readonly<Record<string, string>>,
  retry?: RetryReason,
): Partial<Activity> {
  const t = flowT(lang);
  const question = fillPlaceholders(step.prompt[lang], vars);
  const lead = retry
    ? [t(`reason.${retry.reason}`, retry.params), retry.attempt > CANCEL_HINT_AFTER ? t('retry.cancelHint') : '']
        .filter(Boolean)
        .join(' ')
    : '';
  const text = lead ? `${lead}\n\n${question}` : question;
  const labels = stepLabels(step, lang);
  const activity = labels.length > 0 ? withButtons(text, labels, channelId) : MessageFactory.text(text);
  activity.inputHint = InputHints.ExpectingInput;
  return activity;
}

function withButtons(text: string, labels: string[], channelId: string): Partial<Activity> {
  const actions: CardAction[] = labels.map((label) => ({ type: ActionTypes.ImBack, title: label, value: label }));
  // Teams has no suggested actions in most chats: a hero card keeps the buttons visible.
  if (channelId === 'msteams') return MessageFactory.attachment(CardFactory.heroCard('', text, undefined, actions));
  const activity = MessageFactory.suggestedActions(actions, text);
  activity.textFormat = 'markdown';
  return activity;
}
