// A picture of the inbox for the first paint: the last rendered list (first rows) in localStorage, shown until the real read lands.
import { loadCachedViewer, storage } from "../platform/viewerCache";

// Honest: shown inert (no clicks, hidden from assistive technology), removed in the task that renders the real rows,
// never for another person, route or build's stylesheet; signing out deletes it.
const KEY = "whispers:listSnapshot";
/** Rows kept: more than the tallest screen shows above the fold. */
export const SNAPSHOT_ROWS = 16;
/** Longest a snapshot stays if the app never reports its first screen (e.g. it failed to load). */
export const SNAPSHOT_MAX_MS = 2_500;
/** Wait this long after the list last changed before copying it (a catch-up changes it often). */
const CAPTURE_DELAY_MS = 600;
/** A snapshot larger than this is not worth a synchronous parse at start-up. */
const MAX_HTML = 120_000;

type Stored = { userKey: string; style: string; html: string };

let shown: HTMLElement | null = null;
let hiddenRoot: HTMLElement | null = null;
let maxTimer: ReturnType<typeof setTimeout> | undefined;
let captureTimer: ReturnType<typeof setTimeout> | undefined;
/** Bumped by clearListSnapshot: a capture scheduled before a sign-out never writes. */
let generation = 0;

/** Which build's styles are in use (the hashed stylesheet name): markup from another build is not reused. */
function styleId(doc: Document): string {
  return doc.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')?.getAttribute("href") ?? "";
}

function read(): Stored | null {
  try {
    const raw = storage().getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Stored>;
    return typeof value.userKey === "string" && typeof value.html === "string" && typeof value.style === "string" ? (value as Stored) : null;
  } catch {
    return null;
  }
}

/** The status pill of the copy says what the app says before it knows more. */
function fillPill(container: HTMLElement, online: boolean): void {
  const pill = container.querySelector<HTMLElement>("[data-snapshot-pill]");
  if (!pill) return;
  pill.className = `sync-pill sync-${online ? "connecting" : "offline"}`;
  pill.append(online ? "Connecting" : "Offline");
}

/** Before the app's code loads: in place of the app root, which keeps rendering hidden. */
export function showListSnapshot(doc: Document = document): boolean {
  if (shown || doc.location?.pathname !== "/") return false;
  const root = doc.getElementById("root");
  const viewer = loadCachedViewer();
  const stored = read();
  if (!root || !viewer || !stored || stored.userKey !== viewer.userKey || stored.style !== styleId(doc)) return false;
  const container = doc.createElement("div");
  container.className = "list-snapshot";
  container.setAttribute("aria-hidden", "true");
  container.setAttribute("inert", "");
  container.style.height = "100%";
  container.innerHTML = stored.html;
  fillPill(container, doc.defaultView?.navigator.onLine !== false);
  root.style.display = "none";
  root.before(container);
  shown = container;
  hiddenRoot = root;
  maxTimer = setTimeout(releaseListSnapshot, SNAPSHOT_MAX_MS);
  return true;
}

export function listSnapshotShown(): boolean {
  return shown !== null;
}

/** Idempotent; call in the task that renders the real first screen. */
export function releaseListSnapshot(): void {
  clearTimeout(maxTimer);
  if (!shown) return;
  shown.remove();
  hiddenRoot?.style.removeProperty("display");
  shown = null;
  hiddenRoot = null;
}

/** The markup to keep: the shell with its first rows, without ids, open menus, toasts or the live status. */
export function snapshotMarkup(shell: Element, rows: number = SNAPSHOT_ROWS): string {
  const copy = shell.cloneNode(true) as Element;
  copy.querySelectorAll(".conv-list").forEach((list) => {
    [...list.children].slice(rows).forEach((row) => row.remove());
  });
  copy.querySelectorAll(".menu-list, .toasts > *").forEach((node) => node.remove());
  const pill = copy.querySelector(".sync-pill");
  if (pill) {
    pill.replaceChildren(...[...pill.children].filter((child) => child.classList.contains("sync-dot")));
    pill.removeAttribute("class");
    pill.setAttribute("data-snapshot-pill", "");
  }
  for (const node of [copy, ...copy.querySelectorAll("[id], [elementtiming]")]) {
    node.removeAttribute("id");
    node.removeAttribute("elementtiming");
  }
  return copy.outerHTML;
}

/** An empty inbox deletes the snapshot. */
export function captureListSnapshot(doc: Document = document): boolean {
  const viewer = loadCachedViewer();
  const shell = doc.querySelector("#root .shell");
  if (!viewer || doc.location?.pathname !== "/" || !shell) return false;
  if (!shell.querySelector(".conv-list .conv-row")) {
    storage().removeItem(KEY); // an empty inbox: no rows from an older list at the next start
    return false;
  }
  const html = snapshotMarkup(shell);
  if (html.length > MAX_HTML) return false;
  try {
    storage().setItem(KEY, JSON.stringify({ userKey: viewer.userKey, style: styleId(doc), html } satisfies Stored));
    return true;
  } catch {
    return false; // storage full: the next start simply reads IndexedDB
  }
}

/** Once the list settled, when the page is idle. */
export function scheduleListSnapshot(): void {
  clearTimeout(captureTimer);
  const scheduledIn = generation;
  const capture = () => void (scheduledIn === generation && captureListSnapshot());
  captureTimer = setTimeout(() => {
    const idle = (globalThis as { requestIdleCallback?: (fn: () => void, options?: { timeout: number }) => number }).requestIdleCallback;
    if (idle) idle(capture, { timeout: 2_000 });
    else capture();
  }, CAPTURE_DELAY_MS);
}

export function clearListSnapshot(): void {
  generation++;
  clearTimeout(captureTimer);
  storage().removeItem(KEY);
}
