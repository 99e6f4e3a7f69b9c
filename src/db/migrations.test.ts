// Schema upgrades keep data: a database written by a version-1 client opens under the latest version with its rows intact.
import "fake-indexeddb/auto";
import { Dexie } from "dexie";
import { describe, expect, it } from "vitest";
import { databaseName, openUserDb } from "./database";
import { declareVersion1, declareVersion2, declareVersion3, declareVersion4, LATEST_VERSION, PINNED_RANK } from "./schema";

describe("schema migrations", () => {
  it("upgrades version 1 to the latest keeping every row, filling the derived listRank and indexing the outbox waits", async () => {
    const userKey = `migrate-${Date.now()}`;
    const v1 = new Dexie(databaseName(userKey));
    declareVersion1(v1);
    await v1.open();
    expect(v1.verno).toBe(1);
    await v1.table("conversations").bulkPut([
      { id: "c1", isPinned: true, lastActivityAt: 1000, status: "active", syncState: "synced" },
      { id: "c2", isPinned: false, lastActivityAt: 2000, status: "active", syncState: "synced" },
    ]);
    await v1.table("whispers").put({ id: "w1", clientId: "w1", conversationId: "c1", sortKey: 5, chainRootId: "w0", content: "kept" });
    await v1.table("outbox").add({ id: "e1", kind: "sendWhisper", udfPath: "whispers:sendWhisper", args: {}, attempts: 0, nextAttemptAt: 0, state: "queued", createdAt: 1 });
    await v1.table("meta").put({ key: "pullCursor", value: 17 });
    v1.close();

    const db = await openUserDb(userKey);
    expect(db.verno).toBe(LATEST_VERSION);
    expect(await db.whispers.get("w1")).toMatchObject({ content: "kept" });
    expect(await db.outbox.count()).toBe(1);
    expect((await db.meta.get("pullCursor"))?.value).toBe(17);
    expect((await db.conversations.get("c1"))?.listRank).toBe(PINNED_RANK + 1000);
    expect((await db.conversations.get("c2"))?.listRank).toBe(2000);
    // The version-2 indexes work on migrated data.
    const ordered = await db.conversations.orderBy("listRank").reverse().primaryKeys();
    expect(ordered).toEqual(["c1", "c2"]);
    expect(await db.whispers.where("[chainRootId+sortKey]").between(["w0", Dexie.minKey], ["w0", Dexie.maxKey]).count()).toBe(1);
    // Version 3's index holds the migrated entry.
    expect(await db.outbox.where("[state+nextAttemptAt]").equals(["queued", 0]).count()).toBe(1);
    db.close();
  });

  it("version 5 keys the viewer's own whispers and chamber messages by their clientId and moves every reference to them", async () => {
    const userKey = `migrate5-${Date.now()}`;
    const v4 = new Dexie(databaseName(userKey));
    declareVersion1(v4);
    declareVersion2(v4);
    declareVersion3(v4);
    declareVersion4(v4);
    await v4.open();
    const own = "0b6c2a49-6d25-4f3e-9a57-0d3c4b5e6f70";
    const pending = "1c7d3b5a-7e36-4f4f-8b68-1e4d5c6f7081";
    await v4.table("whispers").bulkPut([
      { id: "srvOwn", clientId: own, conversationId: "c1", sortKey: 1, content: "mine", fromViewer: true, syncState: "synced" },
      { id: "srvTheirs", clientId: "srvTheirs", conversationId: "c1", sortKey: 2, content: "reply", fromViewer: false, parentId: "srvOwn", chainRootId: "srvOwn", syncState: "synced" },
      { id: pending, clientId: pending, conversationId: "c1", sortKey: 3, content: "queued", fromViewer: true, isLocal: true, syncState: "pending" },
    ]);
    const ownMessage = "3e9f5d7c-9a58-4b6b-8d8a-3a6f7e8b9203";
    const queuedMessage = "4fa06e8d-ab69-4c7c-9e9b-4b7a8f9cad14";
    await v4.table("chamberMessages").bulkPut([
      { id: "srvMsg", clientId: ownMessage, chamberId: "e1", sortKey: 1, content: "said", fromYou: true, syncState: "synced" },
      { id: "srvHeard", clientId: "srvHeard", chamberId: "e1", sortKey: 2, content: "heard", fromYou: false, syncState: "synced" },
      { id: queuedMessage, clientId: queuedMessage, chamberId: "e1", sortKey: 3, content: "saying", fromYou: true, isLocal: true, syncState: "pending" },
    ]);
    await v4.table("conversations").put({ id: "c1", lastWhisperId: "srvOwn", listRank: 1, lastActivityAt: 1 });
    await v4.table("outbox").add({ id: "e1", kind: "toggleReaction", udfPath: "whispers:toggleReaction", args: { whisperId: "srvOwn" }, target: { table: "whispers", id: "srvOwn" }, attempts: 0, nextAttemptAt: 0, state: "queued", createdAt: 1 });
    await v4.table("idMap").bulkPut([
      { localId: own, serverId: "srvOwn", table: "whispers" },
      { localId: ownMessage, serverId: "srvMsg", table: "chamberMessages" },
      { localId: "2d8e4c6b-8f47-4a5a-9c79-2f5e6d7a8192", serverId: "conv1", table: "conversations" },
    ]);
    await v4.table("searchDocs").put({ id: "srvOwn", at: 1, line: 1 });
    v4.close();

    const db = await openUserDb(userKey);
    expect(db.verno).toBe(LATEST_VERSION);
    const rows = (await db.whispers.toArray()).sort((a, b) => a.sortKey - b.sortKey);
    expect(rows.map((w) => [w.id, w.serverId, w.parentId, w.chainRootId])).toEqual([
      [own, "srvOwn", undefined, undefined],
      ["srvTheirs", "srvTheirs", own, own],
      [pending, undefined, undefined, undefined],
    ]);
    expect((await db.whispers.where("serverId").equals("srvOwn").first())?.content).toBe("mine");
    expect((await db.conversations.get("c1"))?.lastWhisperId).toBe(own);
    expect((await db.outbox.toArray())[0]?.target).toEqual({ table: "whispers", id: own });
    const messages = (await db.chamberMessages.toArray()).sort((a, b) => a.sortKey - b.sortKey);
    expect(messages.map((m) => [m.id, m.serverId, m.content])).toEqual([
      [ownMessage, "srvMsg", "said"],
      ["srvHeard", "srvHeard", "heard"],
      [queuedMessage, undefined, "saying"],
    ]);
    expect((await db.idMap.toArray()).map((m) => m.table)).toEqual(["conversations"]);
    expect(await db.searchDocs.count()).toBe(0);
    db.close();
  });

  it("names one database per user", () => {
    expect(databaseName("user_2abc")).toBe("whispers-user_2abc");
    expect(databaseName("dev|alice bob")).toBe("whispers-dev_alice_bob");
  });
});
