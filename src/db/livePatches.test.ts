// The open conversation's readers follow commits from what they wrote, and always show exactly what a fresh read shows.
import "fake-indexeddb/auto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deleteWhisper, markRead, sendWhisper, toggleReaction } from "../actions";
import { applyPulledPage, type PullChange } from "../sync/applyPulledPage";
import { freshDb, waitFor } from "../test/util";
import type { WhispersDB } from "./database";
import { live, type Live } from "./live";
import { conversation, conversationPage } from "./queries";
import { pos } from "../test/feed";
import { change, conversationDoc, whisperDoc, type Fields } from "../test/feedDocs";
import type { ServerDoc } from "./shapes";


const conversationChange = (id: string, unreadCount: number, at: number): PullChange =>
  change("conversations", conversationDoc({ _id: id, counterpartId: `u-${id}`, unreadCount, lastWhisperAt: at, updatedAt: at }));

type Server = { cursor: number; nextId: number; whispers: Map<string, ServerDoc<"whispers">> };

function serverWhisper(server: Server, fields: Fields<ServerDoc<"whispers">>): PullChange {
  const doc = whisperDoc(fields);
  server.whispers.set(doc._id, doc);
  return change("whispers", doc);
}

async function push(db: WhispersDB, server: Server, changes: PullChange[]): Promise<void> {
  const from = server.cursor;
  server.cursor += 1;
  await applyPulledPage(db, { changes: changes.map((c, i) => ({ ...c, at: pos(from * 10 + i) })), cursor: pos(server.cursor * 10), hasMore: false }, pos(from * 10));
}

/** The first value of a fresh reader: what a read shows now. */
function readNow<T>(source: Live<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const sub = source.subscribe(
      (value) => {
        queueMicrotask(() => sub.unsubscribe());
        resolve(value);
      },
      reject,
    );
  });
}

const op = fc.oneof(
  fc.record({ kind: fc.constant("arrive" as const), other: fc.boolean(), back: fc.nat(40) }),
  fc.record({ kind: fc.constant("update" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("tombstone" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("hide" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("send" as const) }),
  fc.record({ kind: fc.constant("echo" as const), back: fc.nat(200) }),
  fc.record({ kind: fc.constant("swap" as const), pick: fc.nat(), back: fc.nat(200) }),
  fc.record({ kind: fc.constant("react" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("unread" as const) }),
  fc.record({ kind: fc.constant("read" as const) }),
);

describe("live readers of the open conversation", () => {
  it("show what a fresh read shows after every kind of write (patched or read again)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const db = await freshDb("patch");
        const server: Server = { cursor: 0, nextId: 1, whispers: new Map() };
        const pending: string[] = [];
        // Server times just behind the local clock, so whispers sent here and arriving interleave.
        const T0 = Date.now() - 150;
        let clock = T0;
        await push(db, server, [conversationChange("c", 0, T0), conversationChange("d", 0, T0)]);
        for (let i = 0; i < 6; i++) await push(db, server, [serverWhisper(server, { _id: `s${server.nextId++}`, conversationId: "c", deliveredAt: (clock += 10) })]);
        const readers: Record<string, () => Live<unknown>> = {
          head: () => conversationPage("c", { limit: 4 }, db),
          older: () => conversationPage("c", { limit: 3, before: T0 + 35 }, db),
          row: () => conversation("c", db),
        };
        const latest: Record<string, unknown> = {};
        const subs = Object.entries(readers).map(([name, make]) => make().subscribe((value) => (latest[name] = value)));
        await waitFor(() => Object.keys(latest).length === 3, 2000, "first values");
        const serverIds = () => [...server.whispers.keys()].filter((id) => server.whispers.get(id)!.conversationId === "c");
        const pickId = (n: number) => serverIds()[n % Math.max(1, serverIds().length)];
        for (const step of ops) {
          if (step.kind === "arrive") {
            const doc = serverWhisper(server, { _id: `s${server.nextId++}`, conversationId: step.other ? "d" : "c", deliveredAt: (clock += 7) - step.back });
            await push(db, server, [doc, conversationChange(step.other ? "d" : "c", 1, clock)]);
          } else if (step.kind === "update" || step.kind === "tombstone" || step.kind === "hide") {
            const id = pickId(step.pick);
            if (!id) continue;
            const doc = server.whispers.get(id)!;
            if (step.kind === "tombstone") {
              server.whispers.delete(id);
              await push(db, server, [{ table: "whispers", id, at: pos(0), doc: null }]);
            } else {
              const changed = step.kind === "hide" ? { status: "cancelled" as const } : { readAt: (clock += 1), reactions: [{ emoji: "👍", at: clock, fromViewer: false }] };
              await push(db, server, [serverWhisper(server, { ...doc, _id: id, ...changed })]);
            }
          } else if (step.kind === "swap") {
            // One whisper goes and an older one arrives in the same page.
            const id = pickId(step.pick);
            if (!id) continue;
            server.whispers.delete(id);
            const old = serverWhisper(server, { _id: `s${server.nextId++}`, conversationId: "c", deliveredAt: T0 - step.back });
            await push(db, server, [{ table: "whispers", id, at: pos(0), doc: null }, old]);
          } else if (step.kind === "send") {
            pending.push((await sendWhisper({ conversationId: "c", content: `mine ${pending.length}` }, db)).localId!);
          } else if (step.kind === "echo") {
            const localId = pending.shift();
            const row = localId && (await db.whispers.get(localId));
            if (!row) continue;
            await push(db, server, [serverWhisper(server, { _id: `s${server.nextId++}`, clientId: localId, conversationId: "c", content: row.content, fromViewer: true, deliveredAt: row.sortKey - step.back })]);
          } else if (step.kind === "react" || step.kind === "delete") {
            const ids = (await db.whispers.where("[conversationId+sortKey]").between(["c", 0], ["c", Infinity]).toArray()).map((w) => w.id);
            const id = ids[step.pick % Math.max(1, ids.length)];
            if (!id) continue;
            if (step.kind === "react") await toggleReaction(id, "🔥", db);
            else await deleteWhisper(id, db);
          } else if (step.kind === "unread") {
            await push(db, server, [conversationChange("c", 2, (clock += 1))]);
          } else {
            await markRead("c", db);
          }
          for (const [name, make] of Object.entries(readers)) {
            const fresh = await readNow(make());
            await waitFor(() => JSON.stringify(latest[name]) === JSON.stringify(fresh), 2000, `${name} after ${step.kind}`);
          }
        }
        subs.forEach((s) => s.unsubscribe());
        db.close();
      }),
      { numRuns: 25 },
    );
  });

  it("follows a commit of this tab without reading again, and reads again for one it cannot tell", async () => {
    const db = await freshDb("patch-live");
    let reads = 0;
    let patches = 0;
    const values: number[] = [];
    const sub = live(
      db,
      ["featureFlags"],
      async () => {
        reads += 1;
        return db.featureFlags.count();
      },
      {
        patch: (count, committed) => {
          patches += 1;
          const written = committed.table("featureFlags");
          return written === "unknown" || written === "unchanged" ? undefined : count + written.put.size;
        },
      },
    ).subscribe((n) => values.push(n));
    await waitFor(() => values.length === 1, 2000, "the first value");
    await db.featureFlags.put({ name: "A", enabled: true });
    expect(values).toEqual([0, 1]); // delivered at the commit, before the write's promise resolved
    expect(reads).toBe(1);
    await db.featureFlags.clear(); // a range delete: only a read can tell
    await waitFor(() => values.at(-1) === 0, 2000, "the read after clear");
    expect(reads).toBe(2);
    expect(patches).toBe(2);
    sub.unsubscribe();
    db.close();
  });
});
