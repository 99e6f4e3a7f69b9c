// Clerk user webhooks: svix signatures checked, users created, updated and erased.
import { Webhook } from "svix";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { newTest, person, type TestConvex } from "./test.setup";

const SECRET = "whsec_" + Buffer.from("a test signing secret for whispers").toString("base64");

beforeEach(() => {
  vi.stubEnv("CLERK_WEBHOOK_SECRET", SECRET);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

let messageSeq = 0;

/** POSTs `event` to the webhook, signed with `secret` as Clerk (through svix) would. */
async function deliver(t: TestConvex, event: object, { secret = SECRET, tamper = false } = {}) {
  const body = JSON.stringify(event);
  const id = `msg_${++messageSeq}`;
  const timestamp = new Date();
  const signature = new Webhook(secret).sign(id, timestamp, body);
  return await t.fetch("/clerk-users-webhook", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "svix-id": id,
      "svix-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
      "svix-signature": signature,
    },
    body: tamper ? body.replace("ada", "eve") : body,
  });
}

const created = (overrides: Record<string, unknown> = {}) => ({
  type: "user.created",
  data: {
    id: "user_clerk_1",
    username: "ada",
    first_name: "Ada",
    last_name: "Lovelace",
    primary_email_address_id: "idn_2",
    email_addresses: [
      { id: "idn_1", email_address: "old@example.test" },
      { id: "idn_2", email_address: "ada@example.test" },
    ],
    ...overrides,
  },
});

const userRows = (t: TestConvex) => t.run((ctx) => ctx.db.query("users").collect());

describe("POST /clerk-users-webhook", () => {
  test("user.created makes the account with the primary email, names and a free username; repeated delivery is harmless", async () => {
    const t = newTest();
    expect((await deliver(t, created())).status).toBe(200);
    expect((await deliver(t, created())).status).toBe(200);
    const rows = await userRows(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      clerkId: "user_clerk_1",
      email: "ada@example.test",
      firstName: "Ada",
      lastName: "Lovelace",
      onboarded: false,
    });
    // The same person signing in finds the account the webhook made.
    const ada = t.withIdentity({ subject: "user_clerk_1", issuer: "x" });
    expect((await ada.mutation(api.users.ensureViewer, {})).username).toBe("ada");
    expect(await userRows(t)).toHaveLength(1);
  });

  test("a taken or malformed Clerk username falls back to a provisional one", async () => {
    const t = newTest();
    await person(t, "Ada");
    await deliver(t, created());
    await deliver(t, created({ id: "user_clerk_2", username: "no way!", first_name: "Bo", last_name: null }));
    const rows = (await userRows(t)).filter((row) => row.clerkId.startsWith("user_clerk"));
    expect(rows.map((row) => row.username).sort()).toEqual(["ada2", "no_way"]);
  });

  test("user.updated refreshes email and names; the username changes only before onboarding", async () => {
    const t = newTest();
    await deliver(t, created());
    await deliver(t, { type: "user.updated", data: { ...created().data, username: "ada_l", first_name: "Augusta" } });
    let row = (await userRows(t))[0];
    expect(row).toMatchObject({ username: "ada_l", firstName: "Augusta" });
    await t.run((ctx) => ctx.db.patch("users", row._id, { onboarded: true }));
    await deliver(t, {
      type: "user.updated",
      data: { ...created().data, username: "someone_else", email_addresses: [{ id: "idn_2", email_address: "new@example.test" }] },
    });
    row = (await userRows(t))[0];
    expect(row).toMatchObject({ username: "ada_l", email: "new@example.test" });
  });

  test("user.updated for an unknown person creates them; user.deleted erases and is never undone by a late update", async () => {
    const t = newTest();
    await deliver(t, { type: "user.updated", data: created().data });
    expect(await userRows(t)).toHaveLength(1);
    expect((await deliver(t, { type: "user.deleted", data: { id: "user_clerk_1", deleted: true } })).status).toBe(200);
    let row = (await userRows(t))[0];
    expect(row).toMatchObject({ isDeleted: true, email: "", displayName: "Deleted user" });
    expect(row.firstName).toBeUndefined();
    await deliver(t, created());
    row = (await userRows(t))[0];
    expect(row).toMatchObject({ isDeleted: true, email: "" });
    expect(await userRows(t)).toHaveLength(1);
    // Deleting someone unknown is acknowledged and does nothing.
    expect((await deliver(t, { type: "user.deleted", data: { id: "user_nobody", deleted: true } })).status).toBe(200);
  });

  test("other events are acknowledged and ignored", async () => {
    const t = newTest();
    expect((await deliver(t, { type: "session.created", data: { id: "sess_1" } })).status).toBe(200);
    expect(await userRows(t)).toHaveLength(0);
  });

  test("refuses a bad signature, a tampered body and missing headers with 400", async () => {
    const t = newTest();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const other = "whsec_" + Buffer.from("somebody else's secret").toString("base64");
    expect((await deliver(t, created(), { secret: other })).status).toBe(400);
    expect((await deliver(t, created(), { tamper: true })).status).toBe(400);
    const bare = await t.fetch("/clerk-users-webhook", { method: "POST", body: JSON.stringify(created()) });
    expect(bare.status).toBe(400);
    expect(await userRows(t)).toHaveLength(0);
  });

  test("answers 500 and logs clearly when the secret is not configured", async () => {
    const t = newTest();
    vi.stubEnv("CLERK_WEBHOOK_SECRET", "");
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await deliver(t, created())).status).toBe(500);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/CLERK_WEBHOOK_SECRET is not set/));
    expect(await userRows(t)).toHaveLength(0);
  });
});
