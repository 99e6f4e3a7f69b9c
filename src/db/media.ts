// What the PWA keeps ready for offline: media URLs of the recent conversations, and the unread total for the badge.
import { Dexie } from "dexie";
import type { WhispersDB } from "./database";
import { live, type Live } from "./live";

/**
 * Image and voice URLs of the latest `perConversation` whispers in the `conversations` most
 * recent conversations, newest first. Reads IndexedDB only (works offline; the URLs are the
 * server's, so prefetching them needs the network).
 */
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
  let total = 0;
  await db.conversations.each((conversation) => {
    if (!conversation.isArchived) total += conversation.unreadCount ?? 0;
  });
  return total;
}

/** recentMediaUrls, live: a new list whenever the recent conversations change. */
export function recentMedia(db: WhispersDB): Live<string[]> {
  return live(db, ["conversations", "whispers"], () => recentMediaUrls(db));
}

/** unreadTotal, live. */
export function unreadTotalLive(db: WhispersDB): Live<number> {
  return live(db, ["conversations"], () => unreadTotal(db));
}
