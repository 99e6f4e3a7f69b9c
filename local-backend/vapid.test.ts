// VAPID keys: created once per data directory and reused; the environment wins when it has keys.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { exportVapidKeys, loadVapidKeys } from "./vapid";

describe("VAPID keys", () => {
  test("are created once in the data directory, private to the owner, and reused", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "whispers-vapid-"));
    const first = loadVapidKeys(dir);
    expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);
    expect(fs.statSync(path.join(dir, "vapid.json")).mode & 0o777).toBe(0o600);
    expect(loadVapidKeys(dir)).toEqual(first);
  });

  test("fill the environment without overriding keys it already has", () => {
    const env: NodeJS.ProcessEnv = { VAPID_PUBLIC_KEY: "from-env" };
    exportVapidKeys({ publicKey: "pub", privateKey: "priv", subject: "mailto:x@y" }, env);
    expect(env).toMatchObject({ VAPID_PUBLIC_KEY: "from-env", VAPID_PRIVATE_KEY: "priv", VAPID_SUBJECT: "mailto:x@y" });
  });
});
