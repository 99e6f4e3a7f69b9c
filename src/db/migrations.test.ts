// Schema upgrades keep data: a database written by a version-1 client opens under the latest version with its rows intact.
import "fake-indexeddb/auto";
import { Dexie } from "dexie";
import { describe, expect, it } from "vitest";
import { databaseName, openUserDb } from "./database";
import { declareVersion1, LATEST_VERSION, PINNED_RANK } from "./schema";

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

  it("names one database per user", () => {
    expect(databaseName("user_2abc")).toBe("whispers-user_2abc");
    expect(databaseName("dev|alice bob")).toBe("whispers-dev_alice_bob");
  });
});
