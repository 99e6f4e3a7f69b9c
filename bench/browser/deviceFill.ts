// A device with a large history, straight into IndexedDB: many conversations copied from the one synced, and that one grown to any size.
import type { Page } from "@playwright/test";

type Row = Record<string, unknown>;

/** What the copies are made of: the device's synced conversation, its newest whisper and counterpart's profile, and its oldest whisper's time. */
export type SyncedTemplate = {
  conversation: Row & { id: string; counterpartId: string };
  whisper: Row & { sortKey: number; senderId: string; recipientId: string; fromViewer: boolean };
  profile: Row;
  oldestSortKey: number;
};

declare global {
  interface Window {
    __benchOpenDb?: () => Promise<IDBDatabase>;
  }
}

/** Gives the page `__benchOpenDb()`: opens the device's whispers database (raw IndexedDB; until the next reload). */
async function defineOpenDb(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__benchOpenDb = async () => {
      const name = (await indexedDB.databases()).map((d) => d.name ?? "").find((n) => n.startsWith("whispers-"));
      if (!name) throw new Error("no whispers database on this device");
      return await new Promise((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    };
  });
}

/** Reads the template; call it while the device holds only what it synced (one conversation). */
export async function syncedTemplate(page: Page): Promise<SyncedTemplate> {
  await defineOpenDb(page);
  return page.evaluate(async () => {
    const db = await window.__benchOpenDb!();
    const all = <T,>(store: string): Promise<T[]> =>
      new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    try {
      const conversations = await all<SyncedTemplate["conversation"]>("conversations");
      if (conversations.length !== 1) throw new Error(`expected one synced conversation, found ${conversations.length}`);
      const whispers = (await all<SyncedTemplate["whisper"]>("whispers")).sort((a, b) => a.sortKey - b.sortKey);
      const conversation = conversations[0]!;
      const [profile] = (await all<Row & { id: string }>("profiles")).filter((p) => p.id === conversation.counterpartId);
      return { conversation, whisper: whispers.at(-1)!, profile: profile ?? {}, oldestSortKey: whispers[0]!.sortKey };
    } finally {
      db.close();
    }
  });
}

/**
 * Writes whispers number `from` … `to - 1` of `conversations` conversations copied from the
 * template (ids bench-conv-<c>, counterparts bench-person-<c> with a profile row each), round
 * robin: whisper k goes to conversation k % conversations, one minute older than whisper k - 1,
 * all older than the synced conversation (which stays at the top of the list). A conversation
 * row and its summary (its newest whisper, k < conversations) are written with that whisper.
 * One transaction per call; the app must reload to see them (raw writes bypass Dexie's events).
 */
export async function fillConversations(page: Page, template: SyncedTemplate, fill: { conversations: number; from: number; to: number }): Promise<void> {
  await defineOpenDb(page);
  await page.evaluate(
    async ({ template: { conversation, whisper, profile, oldestSortKey }, fill: { conversations, from, to } }) => {
      const db = await window.__benchOpenDb!();
      const at = (k: number) => oldestSortKey - (k + 1) * 60_000;
      const text = (k: number) => `Whisper ${Math.floor(k / conversations)} with person ${k % conversations}: shall we talk tomorrow?`;
      try {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(["whispers", "conversations", "profiles"], "readwrite");
          for (let k = from; k < to; k++) {
            const c = k % conversations;
            const id = `bench-w-${k}`;
            const mine = k % 2 === 0;
            const person = `bench-person-${c}`;
            const viewer = whisper.fromViewer ? whisper.senderId : whisper.recipientId;
            tx.objectStore("whispers").put({
              ...whisper,
              id,
              clientId: id,
              serverId: id,
              conversationId: `bench-conv-${c}`,
              content: text(k),
              sortKey: at(k),
              deliveredAt: at(k),
              _creationTime: at(k),
              fromViewer: mine,
              senderId: mine ? viewer : person,
              recipientId: mine ? person : viewer,
              reactions: [],
            });
            if (k >= conversations) continue;
            const names = { username: `bench_person_${c}`, displayName: `Person ${c}` };
            tx.objectStore("profiles").put({ ...profile, id: person, ...names });
            const row: Row = {
              ...conversation,
              id: `bench-conv-${c}`,
              counterpartId: person,
              counterpart: { ...(conversation.counterpart as object), _id: person, ...names },
              unreadCount: 0,
              lastWhisperId: id,
              lastWhisperAt: at(k),
              lastWhisperPreview: text(k),
              lastWhisperFromViewer: mine,
              lastActivityAt: at(k),
              updatedAt: at(k),
              listRank: at(k),
            };
            delete row.matchKey;
            tx.objectStore("conversations").put(row);
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    },
    { template, fill },
  );
}

/**
 * Writes whispers number `from` … `to - 1` of the synced conversation's older history: `total`
 * of them before its synced whispers (number 0 the oldest, one second apart), copies of its
 * newest whisper with the text `Older whisper number <n> in a long conversation`, every other
 * one from the other side. One transaction per call.
 */
export async function fillBigConversation(page: Page, template: SyncedTemplate, fill: { from: number; to: number; total: number }): Promise<void> {
  await defineOpenDb(page);
  await page.evaluate(
    async ({ template: { whisper, oldestSortKey }, fill: { from, to, total } }) => {
      const db = await window.__benchOpenDb!();
      try {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction("whispers", "readwrite");
          const store = tx.objectStore("whispers");
          for (let n = from; n < to; n++) {
            const id = `bench-big-${n}`;
            const at = oldestSortKey - (total - n) * 1000;
            const flip = n % 2 === 0;
            store.put({
              ...whisper,
              id,
              clientId: id,
              serverId: id,
              content: `Older whisper number ${n} in a long conversation`,
              sortKey: at,
              deliveredAt: at,
              _creationTime: at,
              fromViewer: flip ? !whisper.fromViewer : whisper.fromViewer,
              senderId: flip ? whisper.recipientId : whisper.senderId,
              recipientId: flip ? whisper.senderId : whisper.recipientId,
              reactions: [],
            });
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    },
    { template, fill },
  );
}
