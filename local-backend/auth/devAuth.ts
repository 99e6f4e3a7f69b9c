// Development sign-in without Clerk: ES256 JWTs signed with a key kept in the data directory.
import fs from "node:fs";
import path from "node:path";
import type { UserIdentity } from "convex/server";
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, errors, type CryptoKey, type JWK } from "jose";

const ALG = "ES256";
const LIFETIME_SECONDS = 30 * 24 * 60 * 60;
const USERNAME = /^[a-z0-9_][a-z0-9_.-]{0,31}$/;

export type Verified = { ok: true; identity: UserIdentity; expiresAt: number } | { ok: false; reason: string };

type KeyFile = { kid: string; alg: typeof ALG; privateJwk: JWK; publicJwk: JWK };

export class DevAuth {
  private constructor(
    private readonly kid: string,
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly issuer: string,
    private readonly displayNames: Record<string, string>,
  ) {}

  /** The key lives in `<dataDir>/auth/dev-signing-key.json`, created on first start. */
  static async open(dataDir: string, issuer: string, displayNames: Record<string, string> = {}): Promise<DevAuth> {
    const dir = path.join(dataDir, "auth");
    const file = path.join(dir, "dev-signing-key.json");
    let keyFile: KeyFile;
    if (fs.existsSync(file)) {
      keyFile = JSON.parse(fs.readFileSync(file, "utf8")) as KeyFile;
    } else {
      const pair = await generateKeyPair(ALG, { extractable: true });
      keyFile = {
        kid: `dev-${Date.now().toString(36)}`,
        alg: ALG,
        privateJwk: await exportJWK(pair.privateKey),
        publicJwk: await exportJWK(pair.publicKey),
      };
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, JSON.stringify(keyFile, null, 2), { mode: 0o600 });
    }
    const privateKey = (await importJWK(keyFile.privateJwk, ALG)) as CryptoKey;
    const publicKey = (await importJWK(keyFile.publicJwk, ALG)) as CryptoKey;
    return new DevAuth(keyFile.kid, privateKey, publicKey, issuer, displayNames);
  }

  static username(value: unknown): string | null {
    if (typeof value !== "string") return null;
    const name = value.trim().toLowerCase();
    return USERNAME.test(name) ? name : null;
  }

  async issue(username: string, options: { expiresInSeconds?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return await new SignJWT({
      name: this.displayNames[username] ?? username,
      email: `${username}@whispers.local`,
      nickname: username,
    })
      .setProtectedHeader({ alg: ALG, kid: this.kid, typ: "JWT" })
      .setIssuer(this.issuer)
      .setSubject(`dev|${username}`)
      .setAudience("convex")
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresInSeconds ?? LIFETIME_SECONDS))
      .sign(this.privateKey);
  }

  /** tokenIdentifier = issuer|subject, as on Convex. */
  async verify(token: string): Promise<Verified> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { algorithms: [ALG], audience: "convex" });
      if (typeof payload.sub !== "string" || typeof payload.iss !== "string" || typeof payload.exp !== "number") {
        return { ok: false, reason: "Token is missing sub, iss or exp" };
      }
      const identity: UserIdentity = {
        subject: payload.sub,
        issuer: payload.iss,
        tokenIdentifier: `${payload.iss}|${payload.sub}`,
        ...(typeof payload.name === "string" ? { name: payload.name } : {}),
        ...(typeof payload.email === "string" ? { email: payload.email } : {}),
        ...(typeof payload.nickname === "string" ? { nickname: payload.nickname } : {}),
      };
      return { ok: true, identity, expiresAt: payload.exp * 1000 };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: "Token expired" };
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        return { ok: false, reason: "Could not verify token signature" };
      }
      if (error instanceof errors.JOSEError) return { ok: false, reason: `Could not verify token: ${error.message}` };
      return { ok: false, reason: "Could not parse token" };
    }
  }

  /** For seeding through the real functions. */
  identityOf(username: string): UserIdentity {
    const subject = `dev|${username}`;
    return {
      subject,
      issuer: this.issuer,
      tokenIdentifier: `${this.issuer}|${subject}`,
      name: this.displayNames[username] ?? username,
      email: `${username}@whispers.local`,
      nickname: username,
    };
  }
}
