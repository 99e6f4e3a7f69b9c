// Finding people and conversations by name: a small in-memory list built from the profiles, friends and conversations on the device.
import type { LocalConversation, LocalFriend, LocalProfile } from "../types";
import { lineOf } from "./blocks";
import { tokensOf } from "./text";

/** A person the viewer knows of (a profile on this device). */
export type PersonResult = {
  id: string;
  name: string;
  username?: string;
  /** First and last name, present only once the two unmasked. */
  realName?: string;
  friendStatus?: LocalFriend["status"];
  /** Their plain (not mystery) conversation with the viewer, if there is one. */
  conversationId?: string;
  /** Newest first: their conversation's last activity. */
  rank: number;
};

/** A conversation, named as the conversation list names it ("Someone" while the other person is hidden). */
export type ConversationResult = {
  id: string;
  name: string;
  /** The other person's username; absent while they are hidden. */
  username?: string;
  isMystery: boolean;
  hidden: boolean;
  isArchived: boolean;
  preview?: string;
  lastActivityAt: number;
};

export type NameList = {
  people: Array<PersonResult & { words: string }>;
  conversations: Array<ConversationResult & { words: string }>;
  /** Conversation names by id (whisper results are labelled with them). */
  conversationNames: Map<string, string>;
};

export type NameSources = {
  conversations: LocalConversation[];
  profiles: LocalProfile[];
  friends: LocalFriend[];
  viewerId?: string;
  /** How the app names a conversation's other person (the conversation list's rule). */
  nameOf: (conversation: LocalConversation) => string;
};

const realNameOf = (p: Pick<LocalProfile, "firstName" | "lastName"> | undefined) => [p?.firstName, p?.lastName].filter(Boolean).join(" ").trim() || undefined;

/** The searchable words of some names, in the index's line form. */
function wordsOfNames(...names: Array<string | undefined>): string {
  return lineOf(tokensOf(names.filter(Boolean).join(" ")));
}

/**
 * A conversation is found only by what it shows, so a mystery sender is never found by who they are.
 * Stubs and empty drafts are left out, as in the list.
 */
export function buildNameList(sources: NameSources): NameList {
  const profiles = new Map(sources.profiles.map((p) => [p.id, p]));
  const conversations: NameList["conversations"] = [];
  const conversationNames = new Map<string, string>();
  const plainWith = new Map<string, LocalConversation>();
  for (const row of sources.conversations) {
    if (row.stub || (row.isLocal && !row.lastWhisperId)) continue;
    const profile = !row.counterpartHidden && row.counterpartId ? profiles.get(row.counterpartId) : undefined;
    const c: LocalConversation = profile ? { ...row, counterpart: { ...profile, _id: profile.id } } : row;
    const name = sources.nameOf(c);
    conversationNames.set(c.id, name);
    const username = c.counterpartHidden ? undefined : c.counterpart?.username || undefined;
    const realName = c.counterpartHidden ? undefined : realNameOf(c.counterpart);
    conversations.push({
      id: c.id,
      name,
      username,
      isMystery: c.isMystery,
      hidden: c.counterpartHidden,
      isArchived: c.isArchived,
      preview: c.lastWhisperPreview,
      lastActivityAt: c.lastActivityAt,
      words: wordsOfNames(name, username, realName),
    });
    if (!c.isMystery && !c.counterpartHidden && c.counterpartId) {
      const known = plainWith.get(c.counterpartId);
      if (!known || known.lastActivityAt < c.lastActivityAt) plainWith.set(c.counterpartId, c);
    }
  }
  const friends = new Map(sources.friends.map((f) => [f.otherUserId, f]));
  const people: NameList["people"] = [];
  for (const p of sources.profiles) {
    if (p.isDeleted || p.id === sources.viewerId) continue;
    const name = p.displayName || p.username;
    if (!name) continue;
    const realName = realNameOf(p);
    const conversation = plainWith.get(p.id);
    const friend = friends.get(p.id);
    people.push({
      id: p.id,
      name,
      username: p.username || undefined,
      realName,
      friendStatus: friend && friend.status !== "none" ? friend.status : undefined,
      conversationId: conversation?.id,
      rank: conversation?.lastActivityAt ?? 0,
      words: wordsOfNames(name, p.username, realName),
    });
  }
  return { people, conversations, conversationNames };
}

function matches(words: string, query: readonly string[]): boolean {
  return query.every((w) => words.includes(" " + w));
}

/** People and conversations matching every query word, newest first (people: by their conversation's activity, then name). */
export function matchNames(list: NameList, query: readonly string[]): { people: PersonResult[]; conversations: ConversationResult[] } {
  const strip = <T extends { words: string }>({ words: _words, ...rest }: T) => rest;
  const people = list.people
    .filter((p) => matches(p.words, query))
    .sort((a, b) => b.rank - a.rank || a.name.localeCompare(b.name))
    .map(strip);
  const conversations = list.conversations
    .filter((c) => matches(c.words, query))
    .sort((a, b) => b.lastActivityAt - a.lastActivityAt)
    .map(strip);
  return { people, conversations };
}
