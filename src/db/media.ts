// What the PWA keeps ready for offline: media URLs of the recent conversations, and the unread total for the badge.
import { Dexie } from "dexie";
import type { WhispersDB } from "./database";
import { live, type Live } from "./live";

/** Newest first; reads IndexedDB only, but the URLs are the server's, so prefetching them needs the network. */
export async function recentMediaUrls(
  db: WhispersDB,
  { conversations = 5, perConversation = 30 }: { conversations?: number; perConversation?: number } = {},
): Promise<string[]> {
  const recent = await db.conversations.orderBy("listRank").reverse().limit(conversations).toArray();
  const urls: string[] = [];
  for (const conversation of recent) {
    const whispers = await db.whispers
      .where("[conversationId+sortKey]")
      .between([conversation.id, Dexie.minKey], [conversation.id, Dexie.maxKey])
      .reverse()
      .limit(perConversation)
      .toArray();
    for (const whisper of whispers) {
      if (whisper.imageUrl) urls.push(whisper.imageUrl);
      if (whisper.audioUrl) urls.push(whisper.audioUrl);
    }
  }
  return urls;
}

/** The unread whispers over every conversation that is not archived (the app badge). */
export async function unreadTotal(db: WhispersDB): Promise<number> {
  // One bulk read (each() walks a cursor: a round trip per conversation).
  let total = 0;
  for (const conversation of await db.conversations.toArray()) if (!conversation.isArchived) total += conversation.unreadCount ?? 0;
  return total;
}

/** recentMediaUrls, live: a new list once the recent conversations changed (a second after, changes meanwhile together). */
export function recentMedia(db: WhispersDB): Live<string[]> {
  return live(db, ["conversations", "whispers"], () => recentMediaUrls(db), { settleMs: 1000 });
}

/** unreadTotal, live (a moment after a change: the badge is not what the open screen waits for). */
export function unreadTotalLive(db: WhispersDB): Live<number> {
  return live(db, ["conversations"], () => unreadTotal(db), { settleMs: 300 });
}
