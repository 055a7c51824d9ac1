/**
 * What a message inside a flow may be besides an answer: cancel, help, a language
 * switch, or a knowledge-base question. Decides and speaks; the dialog re-asks or ends.
 */
import type { TurnContext } from 'botbuilder';
import { detectFlowCommand, validateAnswer, type Step } from '../../core/flows';
import { renderReply } from '../render';
import { MID_FLOW_ANSWER_CONFIDENCE, type FlowDialogDeps } from './deps';
import { flowT } from './i18n';
import { userText } from './user-text';

export type Interruption = 'none' | 'cancel' | 'reask';

export async function handleInterruption(context: TurnContext, step: Step, deps: FlowDialogDeps): Promise<Interruption> {
  const text = userText(context);
  if (text.trim() === '') return 'none';
  const check = validateAnswer(step, text);
  const command = detectFlowCommand(text);
  // A choice offered on screen wins over a command with the same words ("English" as a preferred language).
  if (command && !(step.kind === 'choice' && check.ok)) {
    switch (command.kind) {
      case 'cancel':
        await say(context, flowT(await deps.userLang(context))('cancelled'));
        return 'cancel';
      case 'help': {
        const lang = await deps.userLang(context);
        const t = flowT(lang);
        await say(context, `${step.help?.[lang] ?? t(`help.${step.kind}`)}\n\n${t('help.commands')}`);
        return 'reask';
      }
      case 'language':
        if (!deps.setUserLang) break;
        await deps.setUserLang(context, command.lang);
        await say(context, flowT(command.lang)('language.switched'));
        return 'reask';
    }
  }
  // Free-text steps accept almost any words as an answer ("Ai được đăng ký học PN" looks like a
  // name), so there a question the knowledge base answers confidently is taken as a question.
  if ((!check.ok || step.kind === 'text') && deps.answerer) {
    const decision = deps.answerer.decide(text);
    if (decision.kind === 'answer' && decision.entry && decision.confidence >= MID_FLOW_ANSWER_CONFIDENCE) {
      await say(context, decision.entry.answer[await deps.userLang(context)]);
      return 'reask';
    }
  }
  return 'none';
}

async function say(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity(renderReply({ text, buttons: [] }, context.activity.channelId));
}
