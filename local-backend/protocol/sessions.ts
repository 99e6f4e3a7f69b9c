// Exactly-once mutations across reconnects: results remembered per (sessionId, requestId).
import type { CallOutcome } from "./calls";

const PER_SESSION = 1000;
const SESSION_IDLE_MS = 60 * 60 * 1000;

type Session = { requests: Map<number, Promise<CallOutcome>>; seenAt: number };

/** Clients resend unconfirmed mutations on reconnect; a resend gets the first's outcome. In memory only (README: limits). */
export class MutationSessions {
  private readonly sessions = new Map<string, Session>();

  run(sessionId: string, requestId: number, execute: () => Promise<CallOutcome>): Promise<CallOutcome> {
    const now = Date.now();
    let session = this.sessions.get(sessionId);
    if (!session) {
      session = { requests: new Map(), seenAt: now };
      this.sessions.set(sessionId, session);
      this.prune(now);
    }
    session.seenAt = now;
    const existing = session.requests.get(requestId);
    if (existing) return existing;
    const outcome = execute();
    session.requests.set(requestId, outcome);
    if (session.requests.size > PER_SESSION) {
      const oldest = session.requests.keys().next().value;
      if (oldest !== undefined) session.requests.delete(oldest);
    }
    return outcome;
  }

  private prune(now: number): void {
    for (const [id, session] of this.sessions) {
      if (now - session.seenAt > SESSION_IDLE_MS) this.sessions.delete(id);
    }
  }
}
