// Upload tokens work once (across restarts, a damaged ledger refusing what it may have lost, a full disk failing one upload) and download tokens need the secret.
import fs from "node:fs";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { HttpError } from "../http/respond";
import { tempDataDir } from "../testing/harness";
import { UploadTokens } from "./uploadTokens";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}

const HOUR = 60 * 60 * 1000;
const T0 = 1_700_000_000_000;
const ledgerOf = (dir: string) => path.join(dir, "auth", "used-upload-tokens");

function statusOf(fn: () => unknown): number | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof HttpError) return error.status;
    throw error;
  }
}

async function use(tokens: UploadTokens, token: string, now: number): Promise<void> {
  await tokens.commit(tokens.reserve(token, now));
}

test("a used upload token is refused (409), also after reopening the data directory; a released one is not", async () => {
  const dir = dataDir();
  const tokens = UploadTokens.open(dir, T0);
  const used = tokens.issue(T0);
  const released = tokens.issue(T0);
  await use(tokens, used, T0);
  expect(statusOf(() => tokens.reserve(used, T0 + 1))).toBe(409);
  tokens.release(tokens.reserve(released, T0));

  const reopened = UploadTokens.open(dir, T0 + 1000);
  expect(statusOf(() => reopened.reserve(used, T0 + 1000))).toBe(409);
  expect(statusOf(() => reopened.reserve(released, T0 + 1000))).toBeNull();
  expect(statusOf(() => reopened.reserve("x.y.z", T0))).toBe(401);
  expect(statusOf(() => reopened.reserve(tokens.issue(T0 - 2 * HOUR), T0))).toBe(401);
});

test("expired entries are pruned from the ledger when it is reopened", async () => {
  const dir = dataDir();
  const tokens = UploadTokens.open(dir, T0);
  await use(tokens, tokens.issue(T0), T0);
  await use(tokens, tokens.issue(T0 + HOUR), T0 + HOUR);
  expect(fs.readFileSync(ledgerOf(dir), "utf8").trim().split("\n")).toHaveLength(2);
  UploadTokens.open(dir, T0 + HOUR + 1);
  expect(fs.readFileSync(ledgerOf(dir), "utf8").trim().split("\n")).toHaveLength(1);
});

test("a damaged or torn ledger is reported, and every token issued before the restart is refused until it expires", async () => {
  for (const damage of ["middle", "torn"] as const) {
    const dir = dataDir();
    const tokens = UploadTokens.open(dir, T0);
    const early = tokens.issue(T0);
    await use(tokens, tokens.issue(T0), T0);
    await use(tokens, tokens.issue(T0), T0);
    const text = fs.readFileSync(ledgerOf(dir), "utf8");
    // "middle": a changed character in the first entry (its checksum no longer matches); "torn": a last line without "\n".
    fs.writeFileSync(ledgerOf(dir), damage === "middle" ? `${text[0] === "0" ? "1" : "0"}${text.slice(1)}` : `${text}0a1b`);
    const warnings: string[] = [];
    const reopened = UploadTokens.open(dir, T0 + 1000, (line) => warnings.push(line));
    expect(warnings, damage).toHaveLength(1);
    expect(warnings[0]).toContain(ledgerOf(dir));
    expect(statusOf(() => reopened.reserve(early, T0 + 1000))).toBe(409);
    const fresh = reopened.issue(T0 + 2000);
    expect(statusOf(() => reopened.reserve(fresh, T0 + 2000))).toBeNull();
    // The refusal is written down: a second restart within the hour still refuses, without a warning.
    const again = UploadTokens.open(dir, T0 + 3000, (line) => warnings.push(line));
    expect(warnings).toHaveLength(1);
    expect(statusOf(() => again.reserve(early, T0 + 3000))).toBe(409);
  }
});

test("a full disk fails the upload with 507 and leaves the ledger as it was", async () => {
  const dir = dataDir();
  const tokens = UploadTokens.open(dir, T0);
  await use(tokens, tokens.issue(T0), T0);
  const before = fs.readFileSync(ledgerOf(dir));
  tokens.io = {
    write: (fd, buffer) => {
      fs.writeSync(fd, buffer.subarray(0, 5));
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    },
    fsync: (fd, callback) => fs.fsync(fd, callback),
  };
  const body = tokens.reserve(tokens.issue(T0), T0);
  await expect(tokens.commit(body)).rejects.toMatchObject({ status: 507 });
  expect(fs.readFileSync(ledgerOf(dir))).toEqual(before);
  const warnings: string[] = [];
  UploadTokens.open(dir, T0, (line) => warnings.push(line));
  expect(warnings).toEqual([]);
});

test("download tokens: stable for a data directory, different in another, never made from the id alone", () => {
  const dir = dataDir();
  const tokens = UploadTokens.open(dir, T0);
  const token = tokens.downloadToken("12_storage");
  expect(UploadTokens.open(dir, T0).downloadToken("12_storage")).toBe(token);
  expect(tokens.storageIdOf(token)).toBe("12_storage");
  expect(UploadTokens.open(dataDir(), T0).storageIdOf(token)).toBeNull();
  expect(tokens.downloadToken("13_storage")).not.toBe(token.replace("12", "13"));
  for (const bad of ["12_storage", `12_storage.${"A".repeat(22)}`, token.replace("12_", "13_"), `${token}x`, "", ".", "12_users.x"]) {
    expect(tokens.storageIdOf(bad), bad).toBeNull();
  }
  // An upload token is not a download token.
  expect(tokens.storageIdOf(tokens.issue(T0))).toBeNull();
});
