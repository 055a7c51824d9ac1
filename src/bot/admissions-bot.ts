/**
 * The admissions bot's turn (DESIGN.md "A turn"):
 *   1. commands (language, help/menu, cancel, talk to a person);
 *   2. a guided flow in progress continues (FlowRunner);
 *   3. buttons, routed by the ids they carry;
 *   4. otherwise the knowledge base decides: answer, did-you-mean or fallback.
 * What to say is decided in src/core/conversation; this class only reads the
 * activity, keeps state, and sends the rendered replies.
 */
import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { isMenuArea } from '../core/conversation/areas';
import { parseButtonValue, type ButtonValue } from '../core/conversation/button-value';
import { recogniseCommand, type Command } from '../core/conversation/commands';
import { answerReply, decisionReply, fallbackReply, type DecisionContext } from '../core/conversation/decision-replies';
import { areaListReply, areaMenuReply, welcomeReply } from '../core/conversation/menus';
import { postBack, type Reply, type Translator } from '../core/conversation/reply';
import { chooseReplyLanguage } from '../core/conversation/reply-language';
import { prepareInput } from '../core/conversation/user-input';
import type { Answerer, DecisionKind, KnowledgeEntry, Lang } from '../core/knowledge/types';
import { detectLanguage } from '../core/language/detect';
import type { FlowRunner } from './flow-runner';
import { renderReply } from './render';
import type { ConversationRef, HandoverRequest, RecordSinks } from './sinks';
import type { BotStateSet, UserProfile } from './state';
import { setTurnLang } from './turn-keys';

/** How many recent questions, and how much of each, a hand-over carries to staff. */
const MAX_REMEMBERED_QUESTIONS = 5;
const MAX_REMEMBERED_QUESTION = 500;

export interface AdmissionsBotDeps {
  answerer: Answerer;
  /** Every entry, for the area menus; a function so a reloaded knowledge base shows at once. */
  listEntries: () => readonly KnowledgeEntry[];
  state: BotStateSet;
  t: Translator;
  logger: Logger;
  sinks: RecordSinks;
  /** Longer messages are cut to this many characters before matching, and the user is told. */
  maxMessageLength: number;
  /** Guided flows; without it, flow buttons say the guide is not available yet. */
  flowRunner?: FlowRunner;
  /** Replaces the default hand-over (a message plus a record) once the hand-over flow exists. */
  handover?: (context: TurnContext, request: HandoverRequest) => Promise<void>;
  /** Removes every stored record of this user; resolves with how many were removed. */
  deleteUserData?: (user: ConversationRef) => Promise<number>;
  /** Called for every answer, suggestion and fallback sent (metrics). */
  onDecision?: (kind: DecisionKind) => void;
  now?: () => Date;
}

export class AdmissionsBot extends ActivityHandler {
  constructor(private readonly deps: AdmissionsBotDeps) {
    super();
    this.onMembersAdded(async (context, next) => {
      if (shouldWelcome(context)) await this.welcome(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /** Runs the turn, then saves state, also after a reply that ended the turn early. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await Promise.all([
      this.deps.state.conversationState.saveChanges(context, false),
      this.deps.state.userState.saveChanges(context, false),
    ]);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const profile = await this.profile(context);
    const lang = chooseReplyLanguage({ preferred: profile.lang, locale: context.activity.locale });
    setTurnLang(context, lang);
    await this.send(context, welcomeReply(this.deps.t, lang));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    const profile = await this.profile(context);
    const button = parseButtonValue(activity.value);
    const input = prepareInput(
      button ? undefined : activity.text,
      (activity.attachments?.length ?? 0) > 0,
      this.deps.maxMessageLength,
    );
    // Inside a guided flow, typed answers (a name, "yes") say nothing about the language the
    // user wants: the flow keeps the language it runs in unless the user switches explicitly.
    const inFlow = input.kind === 'text' && this.deps.flowRunner ? await this.deps.flowRunner.activeFlow(context) : undefined;
    const detected = input.kind === 'text' && !inFlow ? detectLanguage(input.text) : undefined;
    if (detected?.sure && detected.lang) profile.lang = detected.lang;
    const lang = chooseReplyLanguage({ detected, preferred: profile.lang, locale: activity.locale });
    setTurnLang(context, lang);

    // 1. Commands. Inside a guided flow, "help" and a language switch go to the flow: it explains
    // or re-asks its question, and a choice that is also a language ("English") stays a choice.
    const command = input.kind === 'text' ? recogniseCommand(input.text) : null;
    const flowHandles = inFlow !== undefined && (command?.kind === 'help' || command?.kind === 'lang');
    if (command && !flowHandles) return this.runCommand(context, command, lang, profile);

    // 2. A guided flow in progress continues.
    if (this.deps.flowRunner && (await this.deps.flowRunner.continueIfActive(context))) return;

    // 3. Buttons carry ids and never go through text matching.
    if (button) return this.handleButton(context, button, lang, profile);

    // 4. The knowledge base.
    switch (input.kind) {
      case 'empty':
        return this.send(context, areaListReply(this.deps.t, lang, 'input.empty'));
      case 'noWords':
        return this.send(context, areaListReply(this.deps.t, lang, 'input.noWords'));
      case 'attachmentOnly':
        return this.send(context, areaListReply(this.deps.t, lang, 'input.attachmentOnly'));
      case 'text':
        if (input.truncated) {
          await this.send(context, { text: this.deps.t(lang, 'input.truncated', { max: this.deps.maxMessageLength }), buttons: [] });
        }
        return this.answerText(context, input.text, lang);
    }
  }

  private async runCommand(context: TurnContext, command: Command, lang: Lang, profile: UserProfile): Promise<void> {
    const { t } = this.deps;
    switch (command.kind) {
      case 'lang':
        return this.switchLanguage(context, command.lang, profile);
      case 'help':
        return this.send(context, areaListReply(t, lang));
      case 'cancel':
        await this.deps.flowRunner?.cancel(context);
        return this.send(context, areaListReply(t, lang, 'cancel.done'));
      case 'handoff':
        return this.startHandover(context, lang, 'command');
      case 'deleteData':
        return this.deleteData(context, lang);
    }
  }

  /** "xóa dữ liệu" / "delete my data": the promise the consent questions make, kept at once. */
  private async deleteData(context: TurnContext, lang: Lang): Promise<void> {
    const { t } = this.deps;
    try {
      await this.deps.flowRunner?.cancel(context);
      const removed = (await this.deps.deleteUserData?.(conversationRef(context))) ?? 0;
      await this.deps.state.userProfile.delete(context);
      await this.deps.state.recentQuestions.delete(context);
      await this.deps.state.rememberedAnswers.delete(context);
      // The reply language was chosen above; the stored preference is gone with the rest.
      await this.send(context, { text: t(lang, 'privacy.deleted', { count: removed }), buttons: [] });
    } catch (error) {
      this.deps.logger.error({ err: error }, 'deleting a user\'s data failed');
      await this.send(context, { text: t(lang, 'privacy.deleteFailed'), buttons: [postBack(t(lang, 'handoff.button'), { action: 'handoff' })] });
    }
  }

  private async switchLanguage(context: TurnContext, lang: Lang, profile: UserProfile): Promise<void> {
    profile.lang = lang;
    setTurnLang(context, lang);
    await this.send(context, areaListReply(this.deps.t, lang, 'language.switched'));
  }

  private async handleButton(context: TurnContext, button: ButtonValue, lang: Lang, profile: UserProfile): Promise<void> {
    const { t } = this.deps;
    switch (button.action) {
      case 'menu':
        if (button.area && isMenuArea(button.area)) {
          return this.send(context, areaMenuReply(t, lang, button.area, this.deps.listEntries()));
        }
        return this.send(context, areaListReply(t, lang));
      case 'lang':
        return this.switchLanguage(context, button.lang, profile);
      case 'entry': {
        const entry = this.deps.answerer.entry(button.id);
        // A button from an older version of the knowledge base may name an entry that is gone.
        if (!entry) return this.send(context, fallbackReply(this.decisionContext(lang)));
        return this.answerEntry(context, entry, 1, [entry.id], lang);
      }
      case 'feedback':
        try {
          await this.deps.sinks.feedback({ ...conversationRef(context), entryId: button.id, vote: button.vote, lang });
        } catch (error) {
          // Never thank someone for feedback that was not kept.
          this.deps.logger.error({ err: error }, 'could not store feedback');
          return this.send(context, { text: t(lang, 'feedback.saveFailed'), buttons: [] });
        }
        return this.send(context, {
          text: t(lang, button.vote === 'up' ? 'feedback.thanksUp' : 'feedback.thanksDown'),
          buttons: button.vote === 'down' ? [postBack(t(lang, 'handoff.button'), { action: 'handoff' })] : [],
        });
      case 'flow':
        return this.startFlow(context, button.flow, lang);
      case 'none':
        return this.send(context, fallbackReply(this.decisionContext(lang)));
      case 'handoff':
        return this.startHandover(context, lang, 'button');
    }
  }

  private async answerText(context: TurnContext, text: string, lang: Lang): Promise<void> {
    const decision = this.deps.answerer.decide(text);
    const candidates = decision.candidates.map((candidate) => candidate.id);
    await this.rememberQuestion(context, text);
    await this.deps.sinks.question({ text, lang, decision: decision.kind, entryId: decision.entry?.id ?? null, confidence: decision.confidence });
    if (decision.kind === 'answer' && decision.entry) {
      return this.answerEntry(context, decision.entry, decision.confidence, candidates, lang);
    }
    if (decision.kind === 'fallback') {
      await this.deps.sinks.unanswered({ ...conversationRef(context), text, lang, confidence: decision.confidence, candidates });
    }
    await this.send(context, decisionReply(this.decisionContext(lang), decision));
  }

  private async answerEntry(
    context: TurnContext,
    entry: KnowledgeEntry,
    confidence: number,
    candidates: string[],
    lang: Lang,
  ): Promise<void> {
    await this.send(context, answerReply(this.decisionContext(lang), entry, confidence, candidates));
    if (entry.action === 'handoff') await this.startHandover(context, lang, `entry:${entry.id}`);
  }

  private async startFlow(context: TurnContext, flowId: string, lang: Lang): Promise<void> {
    if (!this.deps.flowRunner) {
      return this.send(context, areaListReply(this.deps.t, lang, 'flow.unavailable'));
    }
    await this.deps.flowRunner.start(context, flowId);
  }

  /** The last questions of the conversation travel with a hand-over request, so staff see the context. */
  private async rememberQuestion(context: TurnContext, text: string): Promise<void> {
    const recent = await this.deps.state.recentQuestions.get(context, []);
    await this.deps.state.recentQuestions.set(context, [...recent, text.slice(0, MAX_REMEMBERED_QUESTION)].slice(-MAX_REMEMBERED_QUESTIONS));
  }

  private async startHandover(context: TurnContext, lang: Lang, reason: string): Promise<void> {
    const recentQuestions = await this.deps.state.recentQuestions.get(context, []);
    const request: HandoverRequest = { ...conversationRef(context), lang, reason, recentQuestions };
    if (this.deps.handover) return this.deps.handover(context, request);
    await this.deps.sinks.handover(request);
    await this.send(context, { text: this.deps.t(lang, 'handoff.started'), buttons: [] });
  }

  private decisionContext(lang: Lang): DecisionContext {
    return {
      t: this.deps.t,
      lang,
      lookup: (id) => this.deps.answerer.entry(id),
      now: this.deps.now?.() ?? new Date(),
    };
  }

  private async send(context: TurnContext, reply: Reply): Promise<void> {
    await context.sendActivity(renderReply(reply, context.activity.channelId));
    if (reply.trace) this.deps.onDecision?.(reply.trace.decision);
  }

  private profile(context: TurnContext): Promise<UserProfile> {
    return this.deps.state.userProfile.get(context, {}) as Promise<UserProfile>;
  }
}

/**
 * Someone other than the bot joined. Teams also tells a personal chat about the
 * bot's own installation only, so that counts as the user arriving.
 */
function shouldWelcome(context: TurnContext): boolean {
  const { activity } = context;
  const botId = activity.recipient?.id;
  const added = activity.membersAdded ?? [];
  if (added.some((member) => member.id !== botId)) return true;
  return (
    activity.channelId === 'msteams' &&
    activity.conversation?.conversationType === 'personal' &&
    added.some((member) => member.id === botId)
  );
}

function conversationRef(context: TurnContext): ConversationRef {
  const { activity } = context;
  return {
    channelId: activity.channelId,
    conversationId: activity.conversation?.id ?? '',
    userId: activity.from?.id ?? '',
  };
}
