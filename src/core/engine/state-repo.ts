/**
 * The engine's state in a versioned StateStore (memory locally, Blob in Azure). Two
 * items: the conversation's and the user's. The user's item lists the user's
 * conversations, so "delete my data" finds and deletes the state of every
 * conversation, not just this one.
 *
 * Both are written conditionally on the version read (see src/core/state): a turn that
 * lost a race gets StateConflictError and is re-run from fresh state (run-turn.ts). The
 * user's item is written first and only when it changed, so a re-run after a conflict
 * on the conversation's item only repeats what the user's item already holds (a
 * language, remembered answers, an open hand-over: settings, not counters).
 */
import type { StateStore } from '../state';
import { emptyState, type ConversationRef, type ConversationState, type EngineState, type UserState } from './types';

interface UserItem {
  user: UserState;
  /** Storage keys of this user's conversation items. */
  conversations: string[];
}

interface ConversationItem {
  conversation: ConversationState;
}

export interface LoadedState {
  state: EngineState;
  /** Storage keys of the user's conversations, as read. */
  conversations: string[];
  /** The versions read (null: the item did not exist), for the conditional writes. */
  versions: { conversation: string | null; user: string | null };
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

export class EngineStateRepo {
  constructor(readonly store: StateStore) {}

  /** The state of this conversation and user, with the versions `save` needs. */
  async load(who: ConversationRef): Promise<LoadedState> {
    const convKey = conversationKey(who);
    const key = userKey(who);
    const items = await this.store.read([convKey, key]);
    const fresh = emptyState();
    const conversationItem = items.get(convKey);
    const userItem = items.get(key);
    const conversation = (conversationItem?.value as ConversationItem | undefined)?.conversation;
    const user = userItem?.value as UserItem | undefined;
    return {
      state: {
        // Fields missing from an older item take their defaults.
        conversation: { ...fresh.conversation, ...conversation },
        user: { ...fresh.user, ...user?.user },
      },
      conversations: Array.isArray(user?.conversations) ? user.conversations : [],
      versions: { conversation: conversationItem?.version ?? null, user: userItem?.version ?? null },
    };
  }

  /** Writes the new state if nobody else wrote it since `loaded`; else throws StateConflictError. */
  async save(who: ConversationRef, loaded: LoadedState, next: EngineState): Promise<void> {
    const convKey = conversationKey(who);
    const known = loaded.conversations;
    const indexed = known.includes(convKey);
    const userChanged = !indexed || JSON.stringify(next.user) !== JSON.stringify(loaded.state.user);
    if (userChanged) {
      const conversations = indexed ? known : [...known, convKey].slice(-MAX_INDEXED_CONVERSATIONS);
      await this.store.write(userKey(who), { user: next.user, conversations } satisfies UserItem, loaded.versions.user);
    }
    await this.store.write(convKey, { conversation: next.conversation } satisfies ConversationItem, loaded.versions.conversation);
  }

  /** Deletes the user's item and the items of every conversation it lists (and this one). */
  async deleteAll(who: ConversationRef): Promise<void> {
    const key = userKey(who);
    const existing = (await this.store.read([key])).get(key)?.value as UserItem | undefined;
    const listed = Array.isArray(existing?.conversations) ? existing.conversations : [];
    await this.store.delete([...new Set([key, conversationKey(who), ...listed])]);
  }

  /**
   * Deletes a user's item and the conversations it lists, knowing only the channel and the
   * user id (a deletion request from outside a conversation, such as Meta's callback).
   * Returns how many conversations were deleted (0 when the user has no state here).
   */
  async deleteUser(channelId: string, userId: string): Promise<number> {
    const key = userKey({ channelId, userId, conversationId: '' });
    const existing = (await this.store.read([key])).get(key)?.value as UserItem | undefined;
    if (!existing) return 0;
    const listed = Array.isArray(existing.conversations) ? existing.conversations : [];
    await this.store.delete([...new Set([key, ...listed])]);
    return listed.length;
  }
}
