// Older history straight into a device's IndexedDB: copies of a whisper the device synced, placed before it (as if synced long ago).
import type { Page } from "@playwright/test";

export type HistoryFill = {
  /** Older whispers added to every conversation that holds a synced whisper. */
  perConversation: number;
  /** Their text; {n} = the whisper's number in its conversation (0 = the oldest), {c} = the conversation's number. */
  content: string;
};

/**
 * Seeding 10,000 whispers through sendWhisper costs the local backend 50 s to minutes on this
 * shared 2-core machine, far over the benchmark budget; the screens measured here read only the
 * device. So the server makes the people, the conversations and their newest whisper (synced to
 * the device by the app), and this writes the older history next to them, in one IndexedDB
 * transaction: each a copy of the conversation's oldest synced whisper (same fields, sync
 * state, sender), with its own id and text, one minute apart, all older than the synced ones
 * (so the conversations' summaries stay true). The app must reload to see them (raw IndexedDB
 * writes bypass Dexie's change events). Returns the number of whispers written.
 */
export function fillHistory(page: Page, fill: HistoryFill): Promise<number> {
  return page.evaluate(async ({ perConversation, content }) => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? "").find((n) => n.startsWith("whispers-"));
    if (!name) throw new Error("no whispers database on this device");
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const synced: Array<Record<string, unknown> & { conversationId: string; sortKey: number }> = await new Promise((resolve, reject) => {
        const request = db.transaction("whispers").objectStore("whispers").getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const oldest = new Map<string, (typeof synced)[number]>();
      for (const w of synced) if (!oldest.has(w.conversationId) || w.sortKey < oldest.get(w.conversationId)!.sortKey) oldest.set(w.conversationId, w);
      let written = 0;
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction("whispers", "readwrite");
        const store = tx.objectStore("whispers");
        let c = 0;
        for (const template of oldest.values()) {
          for (let n = 0; n < perConversation; n++) {
            const id = `bench-history-${c}-${n}`;
            const at = template.sortKey - (perConversation - n) * 60_000;
            const text = content.replaceAll("{n}", String(n)).replaceAll("{c}", String(c));
            store.put({ ...template, id, clientId: id, serverId: id, content: text, sortKey: at, deliveredAt: at, _creationTime: at, reactions: [] });
            written += 1;
          }
          c += 1;
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      return written;
    } finally {
      db.close();
    }
  }, fill);
}
