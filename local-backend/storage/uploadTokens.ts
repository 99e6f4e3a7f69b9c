// Upload URL tokens: HMAC-signed with a per-data-directory secret, valid for an hour, across restarts.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const VALID_MS = 60 * 60 * 1000;

export class UploadTokens {
  private constructor(private readonly secret: Buffer) {}

  static open(dataDir: string): UploadTokens {
    const file = path.join(dataDir, "auth", "upload-secret");
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
    }
    return new UploadTokens(Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex"));
  }

  issue(now = Date.now()): string {
    const body = `${(now + VALID_MS).toString(36)}.${randomBytes(9).toString("base64url")}`;
    return `${body}.${this.sign(body)}`;
  }

  /** Null when valid, otherwise why not. */
  check(token: string | null, now = Date.now()): string | null {
    if (!token) return "Missing upload token";
    const parts = token.split(".");
    if (parts.length !== 3) return "Malformed upload token";
    const body = `${parts[0]}.${parts[1]}`;
    const expected = Buffer.from(this.sign(body));
    const actual = Buffer.from(parts[2]);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return "Invalid upload token";
    if (parseInt(parts[0], 36) < now) return "Upload URL expired";
    return null;
  }

  private sign(body: string): string {
    return createHmac("sha256", this.secret).update(body).digest("base64url");
  }
}
