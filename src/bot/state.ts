/**
 * The engine's state in botbuilder Storage (memory locally, Blob in Azure). Two
 * items per turn: the conversation's and the user's. The user's item lists the
 * user's conversations, so "delete my data" can find and delete the state of every
 * conversation, not just this one. Writes use eTag "*" (last writer wins); the
 * server runs one turn per conversation at a time.
 */
import type { Storage, StoreItem } from 'botbuilder';
import { emptyState, type ConversationRef, type ConversationState, type EngineState, type UserState } from '../core/engine';

interface UserItem extends StoreItem {
  user: UserState;
  /** Storage keys of this user's conversation items. */
  conversations: string[];
}

interface ConversationItem extends StoreItem {
  conversation: ConversationState;
}

export interface LoadedState {
  state: EngineState;
  /** Storage keys of the user's conversations, as read. */
  conversations: string[];
}

/** At most this many conversations are indexed per user (the oldest drop out). */
const MAX_INDEXED_CONVERSATIONS = 50;

const safe = (part: string) => encodeURIComponent(part);

export function conversationKey(who: ConversationRef): string {
  return `${safe(who.channelId)}/conversations/${safe(who.conversationId)}/engine`;
}

export function userKey(who: ConversationRef): string {
  return `${safe(who.channelId)}/users/${safe(who.userId)}/engine`;
}

export class EngineStateStore {
  constructor(readonly storage: Storage) {}

  /** The state of this conversation and user, and the user's list of conversations (for `save`). */
  async load(who: ConversationRef): Promise<LoadedState> {
    const convKey = conversationKey(who);
    const key = userKey(who);
    const items = await this.storage.read([convKey, key]);
    const fresh = emptyState();
    const conversation = (items[convKey] as ConversationItem | undefined)?.conversation;
    const userItem = items[key] as UserItem | undefined;
    return {
      state: {
        // Fields missing from an older item take their defaults.
        conversation: { ...fresh.conversation, ...conversation },
        user: { ...fresh.user, ...userItem?.user },
      },
      conversations: userItem?.conversations ?? [],
    };
  }

  async save(who: ConversationRef, loaded: LoadedState): Promise<void> {
    const convKey = conversationKey(who);
    const known = loaded.conversations;
    const conversations = known.includes(convKey) ? known : [...known, convKey].slice(-MAX_INDEXED_CONVERSATIONS);
    await this.storage.write({
      [convKey]: { conversation: loaded.state.conversation, eTag: '*' } satisfies ConversationItem,
      [userKey(who)]: { user: loaded.state.user, conversations, eTag: '*' } satisfies UserItem,
    });
  }

  /** Deletes the user's item and the items of every conversation it lists (and this one). */
  async deleteAll(who: ConversationRef): Promise<void> {
    const key = userKey(who);
    const existing = (await this.storage.read([key]))[key] as UserItem | undefined;
    const keys = new Set([key, conversationKey(who), ...(existing?.conversations ?? [])]);
    await this.storage.delete([...keys]);
  }
}
