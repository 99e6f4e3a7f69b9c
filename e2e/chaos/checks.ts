// The chaos test's end checks: waiting for both devices to settle, then server, Dexie, blobs and leadership verdicts.
import type { Page } from "@playwright/test";
import { checkBlobsInPage, readDexie, type DexieDump, type SentFrame } from "./client";
import type { Item } from "./plan";
import { compareDexie, conversationIds, judgeSender, serverClient, serverWhispers, type ServerWhisper } from "./verify";

/** One person of the chaos test: what they plan to send and what was sent so far. */
export type Person = {
  who: "A" | "B";
  username: string;
  plan: Item[];
  /** seq → clientId of each voice clip sent (they have no text to recognise them by). */
  voice: Map<number, string>;
  /** Items the UI accepted (queued) so far. */
  sent: number;
};

function outboxSummary(dump: DexieDump): string {
  const byState = new Map<string, number>();
  for (const e of dump.outbox) byState.set(e.state, (byState.get(e.state) ?? 0) + 1);
  const sample = dump.outbox.slice(0, 5).map((e) => ({ kind: e.kind, state: e.state, attempts: e.attempts, nextIn: Math.round(e.nextAttemptAt - Date.now()), error: e.error }));
  return `outbox ${JSON.stringify(Object.fromEntries(byState))}, first entries ${JSON.stringify(sample)}`;
}

/**
 * Polls each page's database until its outbox is empty and it holds `expected` synced whispers.
 * A failed outbox entry fails at once; a timeout says what is stuck.
 */
export async function awaitConvergence(pages: Page[], expected: number, timeoutMs: number): Promise<DexieDump[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dumps = await Promise.all(pages.map((page) => readDexie(page)));
    const states = dumps.map((d) => {
      const failed = d.outbox.filter((e) => e.state === "failed");
      const settled = d.whispers.filter((w) => w.syncState === "synced" && !w.isLocal).length;
      return { d, failed, settled, done: d.outbox.length === 0 && settled >= expected && d.whispers.length === settled };
    });
    const failed = states.find((s) => s.failed.length > 0);
    if (failed) throw new Error(`${failed.d.dbName}: ${failed.failed.length} failed outbox entries: ${JSON.stringify(failed.failed.slice(0, 5))}`);
    if (states.every((s) => s.done)) return dumps;
    if (Date.now() > deadline) {
      throw new Error(
        `not reconciled after ${timeoutMs / 1000} s:\n${states
          .map((s) => `  ${s.d.dbName}: ${s.d.whispers.length} whispers (${s.settled} synced); ${outboxSummary(s.d)}`)
          .join("\n")}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** A tab reload: when it was asked for and when the page was usable again. */
export type Reload = { tab: string; start: number; end: number };

/**
 * Only the leader tab drains: in the order the tabs sent outbox mutations, the sender may change
 * from tab X to tab Y only after X was reloaded (its lock released) since X's last send.
 */
export function checkLeadership(frames: SentFrame[], reloads: Reload[]): { byTab: Record<string, number>; problems: string[] } {
  const byTab: Record<string, number> = {};
  const problems: string[] = [];
  const ofA = frames.filter((f) => f.tab.startsWith("A")).sort((x, y) => x.at - y.at);
  for (const f of frames) byTab[f.tab] = (byTab[f.tab] ?? 0) + 1;
  for (let i = 1; i < ofA.length; i++) {
    const previous = ofA[i - 1]!;
    const current = ofA[i]!;
    if (previous.tab === current.tab) continue;
    // X's last send came before its reload ended (frame events reach the test a little late:
    // allow 250 ms), and the reload began before Y's first send.
    const handedOver = reloads.some((r) => r.tab === previous.tab && r.start <= current.at && r.end + 250 >= previous.at);
    if (!handedOver) {
      problems.push(`two tabs of A drained at once: ${previous.tab} sent ${previous.udfPath} at ${previous.at}, then ${current.tab} sent ${current.udfPath} at ${current.at} with no reload of ${previous.tab} between`);
      if (problems.length >= 5) break;
    }
  }
  if (!byTab.A2) problems.push("A's second tab never drained (it should take over when the first tab reloads)");
  return { byTab, problems };
}

export type Verdict = { sent: number; delivered: number; duplicated: number; lost: number; blobs: number; problems: string[] };

/** Server view vs plan (exactly once, in order), every device's Dexie vs the server, every blob loads, acked writes survived. */
export async function verifyEverything(input: {
  url: string;
  conversationId: string;
  people: Record<"A" | "B", Person>;
  dexie: Record<"A" | "B", DexieDump>;
  blobPages: Record<"A" | "B", Page>;
  ackedBeforeKills: Set<string>;
}): Promise<Verdict> {
  const problems: string[] = [];
  const views = {} as Record<"A" | "B", ServerWhisper[]>;
  for (const who of ["A", "B"] as const) {
    const client = await serverClient(input.url, input.people[who].username);
    const ids = await conversationIds(client);
    if (ids.length !== 1 || ids[0] !== input.conversationId) problems.push(`${who} has conversations ${JSON.stringify(ids)}, expected only ${input.conversationId}`);
    views[who] = await serverWhispers(client, input.conversationId);
  }
  const verdicts = (["A", "B"] as const).map((who) =>
    judgeSender(who, input.people[who].plan, input.people[who].voice, views[who].filter((w) => w.fromViewer)),
  );
  for (const v of verdicts) problems.push(...v.problems);
  const seqOfId = new Map([...verdicts[0]!.seqOfId, ...verdicts[1]!.seqOfId]);
  for (const who of ["A", "B"] as const) {
    problems.push(...compareDexie(`${who}'s Dexie`, input.dexie[who].whispers, views[who], seqOfId));
    if (input.dexie[who].outbox.length) problems.push(`${who}'s outbox is not empty: ${JSON.stringify(input.dexie[who].outbox.slice(0, 5))}`);
  }
  // The same whispers seen from each side: the recipient's view holds the sender's whispers.
  const idsA = new Set(views.A.map((w) => w._id));
  const idsB = new Set(views.B.map((w) => w._id));
  const onlyOneSide = [...idsA].filter((id) => !idsB.has(id)).length + [...idsB].filter((id) => !idsA.has(id)).length;
  if (onlyOneSide) problems.push(`${onlyOneSide} whispers are seen by only one of the two people`);
  const serverIds = new Set([...idsA, ...idsB]);
  const lostAcked = [...input.ackedBeforeKills].filter((id) => !serverIds.has(id));
  if (lostAcked.length) problems.push(`${lostAcked.length} whispers acknowledged before a kill -9 are gone from the server: ${lostAcked.slice(0, 5).join(", ")}`);
  // Every picture and clip loads from the server's storage URL, on both devices.
  const images = views.A.flatMap((w) => (w.imageUrl ? [w.imageUrl] : []));
  const audios = views.A.flatMap((w) => (w.audioUrl ? [w.audioUrl] : []));
  for (const who of ["A", "B"] as const) {
    for (const problem of await checkBlobsInPage(input.blobPages[who], images, audios)) problems.push(`${who}'s browser: ${problem}`);
  }
  return {
    sent: input.people.A.sent + input.people.B.sent,
    delivered: verdicts[0]!.delivered + verdicts[1]!.delivered,
    duplicated: verdicts[0]!.duplicated + verdicts[1]!.duplicated,
    lost: verdicts[0]!.lost + verdicts[1]!.lost,
    blobs: images.length + audios.length,
    problems,
  };
}
