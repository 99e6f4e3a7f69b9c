// The pull: a live subscription to sync:pull from the stored cursor, moving forward page by page.
import { getFunctionName } from "convex/server";
import { api } from "../../convex/_generated/api";
import type { WhispersDB } from "../db/database";
import { getCursor } from "../db/repos/metaRepo";
import { applyPulledPage, type PullPage } from "./applyPulledPage";
import { convexErrorData } from "./errors";
import { guardQuota } from "../platform/storage";
import type { Transport } from "./transport";

export const PULL_QUERY = getFunctionName(api.sync.pull);
export const DEFAULT_PAGE_SIZE = 500;
/** Page k+1 is requested while IndexedDB stores page k; at most this many wait to be written (bounded memory). */
const MAX_PAGES_WAITING = 1;
/** At the head every page is followed by an empty one; it writes nothing except "caught up at" when older than this. */
const CAUGHT_UP_REFRESH_MS = 30_000;

export type PullState = { catchingUp: boolean; pagesApplied: number; error?: string };

export type PullOptions = {
  /** Changes per page (default 500, the server's maximum: fewer round trips when catching up). */
  limit?: number;
  onStateChange?: (state: PullState) => void;
  onError?: (error: unknown) => void;
};

/** The later of two feed positions (they compare as strings, lib/feedPosition.ts). */
const later = (a: string, b: string) => (a > b ? a : b);

function isPage(value: unknown): value is PullPage {
  return !!value && typeof value === "object" && Array.isArray((value as PullPage).changes) && typeof (value as PullPage).cursor === "string";
}

/**
 * Each result applied in one transaction, then the subscription moves to the new cursor; it stays at the head for live
 * changes. Offline it just waits: the client resubscribes and a device away for days catches up one bounded page at a time.
 */
export class PullSync {
  private unsubscribe: (() => void) | undefined;
  private stopWatching: (() => void) | undefined;
  private cursor: string | undefined;
  private applying: Promise<void> = Promise.resolve();
  /** Pages received and not yet written. */
  private waiting = 0;
  /** The latest result of the current subscription. */
  private latest: { from: string; page: PullPage } | undefined;
  private running = false;
  private state: PullState = { catchingUp: true, pagesApplied: 0 };
  /** What this pull last stored: the cursor, the flags (as JSON) and when it recorded "caught up". */
  private stored: { cursor: string; flags?: string; caughtUpAt: number } | undefined;

  constructor(
    private readonly db: WhispersDB,
    private readonly transport: Transport,
    private readonly options: PullOptions = {},
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    // Socket lost: until the first page after reconnect we don't know what arrived, so "Syncing", not "Up to date".
    this.stopWatching = this.transport.onConnectionChange((info) => {
      if (!info.connected && this.running && !this.state.catchingUp) this.setState({ ...this.state, catchingUp: true });
    });
    this.moveTo(await getCursor(this.db));
  }

  stop(): void {
    this.running = false;
    this.stopWatching?.();
    this.stopWatching = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  getState(): PullState {
    return this.state;
  }

  /** Resolves after every page received so far is applied. */
  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.applying;
      await current;
    } while (current !== this.applying);
  }

  private moveTo(cursor: string): void {
    if (!this.running || cursor === this.cursor) return;
    this.unsubscribe?.();
    this.cursor = cursor;
    this.unsubscribe = this.transport.subscribe(
      PULL_QUERY,
      { cursor, limit: this.options.limit ?? DEFAULT_PAGE_SIZE },
      (value) => this.onPage(cursor, value),
      (error) => this.onError(error),
    );
  }

  private onPage(from: string, value: unknown): void {
    if (!isPage(value)) return this.onError(new Error("sync:pull returned an unexpected value."));
    if (!this.running || from !== this.cursor) return; // a subscription already left
    this.waiting += 1;
    this.latest = { from, page: value };
    this.requestNextPage();
    this.applying = this.applying.then(async () => {
      try {
        if (!this.running) return;
        // A page from a cursor no longer stored (earlier page failed, or a newer result applied first) changes nothing.
        const { page, start } = this.unapplied(value, from);
        const stored = this.changesNothing(page, start) ? start : await this.apply(page, start);
        this.setState({ catchingUp: value.hasMore, pagesApplied: this.state.pagesApplied + 1 });
        this.waiting -= 1;
        if (stored !== page.cursor) this.moveTo(stored);
        else if (value.hasMore) {
          if (this.cursor === from) this.moveTo(stored);
          else this.requestNextPage();
        } else if (this.cursor !== undefined && this.cursor < stored) {
          // At the head it moves on once idle (the screen shows this page); a change meanwhile still comes on the current one.
          this.moveSoon(this.cursor, stored);
        }
      } catch (error) {
        this.waiting -= 1;
        this.onError(error);
        // Back to this page's cursor; like any failed page it is tried again when its result changes.
        this.moveTo(from);
      }
    });
  }

  /** The part not applied yet: a subscription at an older cursor than the stored one repeats changes up to it. */
  private unapplied(page: PullPage, from: string): { page: PullPage; start: string } {
    const stored = this.stored?.cursor;
    if (stored === undefined || from >= stored) return { page, start: from };
    const changes = page.changes.filter((change) => change.at > stored);
    return { page: { ...page, changes, cursor: later(page.cursor, stored) }, start: stored };
  }

  /** To `to`, or further to the cursor stored by then, when the page is next idle (unless it moved meanwhile). */
  private moveSoon(from: string, to: string): void {
    const move = () => {
      if (this.running && this.cursor === from) this.moveTo(later(to, this.stored?.cursor ?? to));
    };
    if (typeof requestIdleCallback === "function") requestIdleCallback(move, { timeout: 100 });
    else setTimeout(move, 0);
  }

  /** Applies `page` (from cursor `from`); returns the cursor stored afterwards. */
  private async apply(page: PullPage, from: string): Promise<string> {
    const flags = page.flags ? JSON.stringify(page.flags) : undefined;
    const flagsStored = flags !== undefined && flags === this.stored?.flags;
    const stored = await guardQuota(() => applyPulledPage(this.db, page, from, { flagsStored }));
    if (stored === page.cursor) {
      const caughtUpAt = page.hasMore ? (this.stored?.caughtUpAt ?? 0) : Date.now();
      this.stored = { cursor: stored, flags: flags ?? this.stored?.flags, caughtUpAt };
    } else this.stored = undefined;
    return stored;
  }

  /** An empty page at the cursor this pull stored, with the flags it stored, recently caught up: nothing to write. */
  private changesNothing(page: PullPage, from: string): boolean {
    const stored = this.stored;
    return (
      stored !== undefined &&
      page.changes.length === 0 &&
      page.cursor === from &&
      from === stored.cursor &&
      !page.hasMore &&
      (page.flags === undefined || JSON.stringify(page.flags) === stored.flags) &&
      Date.now() - stored.caughtUpAt < CAUGHT_UP_REFRESH_MS
    );
  }

  /** Catching up: move on to the page after the latest one received, unless too many wait. */
  private requestNextPage(): void {
    const latest = this.latest;
    if (!latest || latest.from !== this.cursor || !latest.page.hasMore || latest.page.cursor === latest.from) return;
    if (this.waiting <= MAX_PAGES_WAITING) this.moveTo(latest.page.cursor);
  }

  /** The subscription is kept (re-run on auth/data change); UNAUTHENTICATED is expected before ensureViewer, not reported. */
  private onError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.setState({ ...this.state, error: message });
    if (convexErrorData(error)?.code === "UNAUTHENTICATED") return;
    (this.options.onError ?? console.error)(error);
  }

  private setState(next: PullState): void {
    this.state = next;
    this.options.onStateChange?.(next);
  }
}
