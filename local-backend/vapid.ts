// Web Push keys for the local backend: made once, kept in the data directory, handed to the functions' environment.
import fs from "node:fs";
import path from "node:path";
import webpush from "web-push";

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

const SUBJECT = "mailto:dev@whispers.local";

/** `<dataDir>/vapid.json`, created (mode 0600) on first use. */
export function loadVapidKeys(dataDir: string): VapidKeys {
  const file = path.join(dataDir, "vapid.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as VapidKeys;
  const keys = { ...webpush.generateVAPIDKeys(), subject: SUBJECT };
  fs.writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

/** The functions read process.env as a deployment's environment variables; values already set win. */
export function exportVapidKeys(keys: VapidKeys, env: NodeJS.ProcessEnv = process.env): void {
  env.VAPID_PUBLIC_KEY ??= keys.publicKey;
  env.VAPID_PRIVATE_KEY ??= keys.privateKey;
  env.VAPID_SUBJECT ??= keys.subject;
}
