/**
 * Bot state through botbuilder's Storage: what the bot remembers of a user
 * (their language) and of a conversation (the guided dialog stack). Created once
 * in index.ts and handed to the bot and to the guided dialogs.
 */
import { ConversationState, UserState, type StatePropertyAccessor, type Storage } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Answers } from '../core/flows';
import type { Lang } from '../core/knowledge/types';

export interface UserProfile {
  /** Reply language when a message does not tell: set by a language command or a sure detection. */
  lang?: Lang;
}

export interface BotStateSet {
  storage: Storage;
  conversationState: ConversationState;
  userState: UserState;
  /** The botbuilder-dialogs stack of a guided flow in progress. */
  dialogState: StatePropertyAccessor<DialogState>;
  userProfile: StatePropertyAccessor<UserProfile>;
  /** The user's last questions in this conversation, for a hand-over to staff. */
  recentQuestions: StatePropertyAccessor<string[]>;
  /** Contact details a user gave with consent, so a later form need not ask again. */
  rememberedAnswers: StatePropertyAccessor<Answers>;
}

export function createBotState(storage: Storage): BotStateSet {
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  return {
    storage,
    conversationState,
    userState,
    dialogState: conversationState.createProperty<DialogState>('DialogState'),
    userProfile: userState.createProperty<UserProfile>('UserProfile'),
    recentQuestions: conversationState.createProperty<string[]>('RecentQuestions'),
    rememberedAnswers: userState.createProperty<Answers>('RememberedAnswers'),
  };
}
