// The chaos test's verdict: the server's view of the conversation, and what was delivered, duplicated, lost or misordered.
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import type { DexieWhisper } from "./client";
import type { Item } from "./plan";

/** A whisper as listConversation projects it for one participant. */
export type ServerWhisper = {
  _id: string;
  _creationTime: number;
  conversationId: string;
  fromViewer: boolean;
  clientId?: string;
  content: string;
  imageUrl?: string;
  audioUrl?: string;
  audioDuration?: number;
  deliveredAt?: number;
  status: string;
  isDeleted: boolean;
};

/** A client signed in as `username` through the local backend's dev sign-in. */
export async function serverClient(url: string, username: string): Promise<ConvexHttpClient> {
  const response = await fetch(`${url}/auth/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error(`dev sign-in as ${username} failed: ${response.status}`);
  const client = new ConvexHttpClient(url);
  client.setAuth(((await response.json()) as { token: string }).token);
  return client;
}

const listConversations = makeFunctionReference<"query">("conversations:list");
const listConversation = makeFunctionReference<"query">("whispers:listConversation");

/** The ids of the viewer's conversations. */
export async function conversationIds(client: ConvexHttpClient): Promise<string[]> {
  const rows = (await client.query(listConversations, {})) as Array<{ _id: string }>;
  return rows.map((c) => c._id);
}

/** Every whisper of the conversation as the viewer sees it, oldest first. */
export async function serverWhispers(client: ConvexHttpClient, conversationId: string): Promise<ServerWhisper[]> {
  const all: ServerWhisper[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = (await client.query(listConversation, { conversationId, paginationOpts: { numItems: 250, cursor } })) as {
      page: ServerWhisper[];
      isDone: boolean;
      continueCursor: string;
    };
    all.push(...page.page);
    if (page.isDone) break;
    cursor = page.continueCursor;
  }
  return all.sort((a, b) => a._creationTime - b._creationTime);
}

/** What one sender's whispers became on the server. */
export type SenderVerdict = {
  who: string;
  sent: number;
  delivered: number;
  duplicated: number;
  lost: number;
  problems: string[];
  /** Server whisper id → the planned item's seq (for checking other views' order). */
  seqOfId: Map<string, number>;
};

/**
 * Matches the sender's own whispers on the server (their view: with clientIds) to the plan:
 * texts and pictures by content, voice clips by the clientId the composer gave them. Each
 * planned whisper must be there exactly once, in the order it was queued.
 */
export function judgeSender(who: string, plan: Item[], voiceClientIds: Map<number, string>, own: ServerWhisper[]): SenderVerdict {
  const problems: string[] = [];
  const seqByContent = new Map(plan.filter((i) => i.kind !== "voice").map((i) => [i.content, i.seq]));
  const seqByClientId = new Map([...voiceClientIds].map(([seq, clientId]) => [clientId, seq]));
  const hits = new Map<number, ServerWhisper[]>();
  const seqOfId = new Map<string, number>();
  const clientIds = new Map<string, number>();
  for (const w of own) {
    if (w.clientId) clientIds.set(w.clientId, (clientIds.get(w.clientId) ?? 0) + 1);
    const seq = w.content ? seqByContent.get(w.content) : w.clientId ? seqByClientId.get(w.clientId) : undefined;
    if (seq === undefined) {
      problems.push(`${who}: a whisper nobody planned is on the server: ${JSON.stringify({ id: w._id, content: w.content, clientId: w.clientId })}`);
      continue;
    }
    hits.set(seq, [...(hits.get(seq) ?? []), w]);
    seqOfId.set(w._id, seq);
  }
  const repeated = [...clientIds].filter(([, count]) => count > 1);
  for (const [clientId, count] of repeated.slice(0, 5)) problems.push(`${who}: clientId ${clientId} is on the server ${count} times`);
  if (repeated.length > 5) problems.push(`${who}: … ${repeated.length - 5} more clientIds are on the server more than once`);
  let duplicated = 0;
  let lost = 0;
  for (const item of plan) {
    const found = hits.get(item.seq) ?? [];
    if (found.length === 0) {
      lost++;
      if (lost <= 10) problems.push(`${who}: ${item.label} (${item.kind}${item.kind === "voice" ? `, clientId ${voiceClientIds.get(item.seq)}` : ""}) never reached the server`);
    } else if (found.length > 1) {
      duplicated += found.length - 1;
      if (duplicated - found.length + 1 < 10) problems.push(`${who}: ${item.label} is on the server ${found.length} times (ids ${found.map((w) => w._id).join(", ")})`);
    }
    for (const w of found) {
      if (w.status !== "delivered" || w.isDeleted) problems.push(`${who}: ${item.label} has status ${w.status}${w.isDeleted ? " (deleted)" : ""}`);
      if (item.kind === "image" && !w.imageUrl) problems.push(`${who}: ${item.label} arrived without its image`);
      if (item.kind === "voice" && !(w.audioUrl && (w.audioDuration ?? 0) > 0)) problems.push(`${who}: ${item.label} arrived without its clip`);
    }
  }
  if (lost > 10) problems.push(`${who}: … ${lost - 10} more never reached the server`);
  if (duplicated > 10) problems.push(`${who}: ${duplicated} extra copies in all`);
  problems.push(...orderProblems(`${who} on the server`, own.map((w) => seqOfId.get(w._id))));
  return { who, sent: plan.length, delivered: hits.size, duplicated, lost, problems, seqOfId };
}

/** Problems when the sequence numbers (in display order) go backwards. */
export function orderProblems(where: string, seqs: Array<number | undefined>): string[] {
  const known = seqs.filter((s): s is number => s !== undefined);
  const problems: string[] = [];
  for (let i = 1; i < known.length; i++) {
    if (known[i]! < known[i - 1]!) problems.push(`${where}: #${known[i]} comes after #${known[i - 1]} (out of the order they were queued)`);
  }
  return problems.length > 5 ? [...problems.slice(0, 5), `${where}: … ${problems.length - 5} more order inversions`] : problems;
}

/**
 * One device's Dexie against the server's view for the same person: the same whisper ids,
 * contents and (own) clientIds, everything synced, nothing only local, each sender in order.
 */
export function compareDexie(label: string, dexie: DexieWhisper[], server: ServerWhisper[], seqOfId: Map<string, number>): string[] {
  const problems: string[] = [];
  const serverById = new Map(server.map((w) => [w._id, w]));
  const serverIdOf = (w: DexieWhisper) => w.serverId ?? w.id;
  const dexieById = new Map(dexie.map((w) => [serverIdOf(w), w]));
  const missing = server.filter((w) => !dexieById.has(w._id));
  const extra = dexie.filter((w) => !serverById.has(serverIdOf(w)));
  if (missing.length) problems.push(`${label}: ${missing.length} server whispers are not in Dexie, e.g. ${JSON.stringify(missing.slice(0, 3).map((w) => [w._id, w.content]))}`);
  if (extra.length) {
    problems.push(
      `${label}: ${extra.length} Dexie whispers are not on the server, e.g. ${JSON.stringify(extra.slice(0, 3).map((w) => [w.id, w.content, w.syncState, w.isLocal]))}`,
    );
  }
  let mismatched = 0;
  for (const w of dexie) {
    const s = serverById.get(serverIdOf(w));
    if (!s) continue;
    const own = s.fromViewer ? s.clientId : undefined;
    if (w.content !== s.content || w.fromViewer !== s.fromViewer || (own !== undefined && w.clientId !== own) || w.syncState !== "synced" || w.isLocal) {
      if (++mismatched <= 3) problems.push(`${label}: ${w.id} differs: Dexie ${JSON.stringify(w)} vs server ${JSON.stringify(s)}`);
    }
  }
  if (mismatched > 3) problems.push(`${label}: … ${mismatched - 3} more rows differ`);
  const ordered = [...dexie].sort((a, b) => a.sortKey - b.sortKey || a.creationTime - b.creationTime);
  for (const fromViewer of [true, false]) {
    const seqs = ordered.filter((w) => w.fromViewer === fromViewer).map((w) => seqOfId.get(serverIdOf(w)));
    problems.push(...orderProblems(`${label} (${fromViewer ? "own" : "received"} whispers)`, seqs));
  }
  return problems;
}
