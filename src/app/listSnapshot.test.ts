// @vitest-environment jsdom
// The start-up snapshot of the inbox: what is kept, when it is shown (same person, inbox, same build), and that it always gives way.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearCachedViewer, saveCachedViewer } from "../platform/viewerCache";
import {
  captureListSnapshot,
  clearListSnapshot,
  listSnapshotShown,
  releaseListSnapshot,
  scheduleListSnapshot,
  showListSnapshot,
  SNAPSHOT_MAX_MS,
  SNAPSHOT_ROWS,
  snapshotMarkup,
} from "./listSnapshot";

const row = (i: number) =>
  `<li class="conv-row" elementtiming="bench-first"><a href="/c/c${i}" class="conv-link"><span class="conv-name">Person ${i}</span></a>` +
  `<div class="menu"><button class="icon-btn" aria-controls="m${i}">⋯</button>${i === 0 ? `<div id="m${i}" role="menu" class="menu-list">Pin</div>` : ""}</div></li>`;

/** The app's DOM at "/": the shell with the status pill, the list and a toast. */
function renderInbox(rows: number, style = "/assets/index-a.css") {
  document.head.innerHTML = `<link rel="stylesheet" href="${style}">`;
  document.body.innerHTML =
    `<div id="root"><div class="shell"><header class="topbar"><a class="brand" href="/">Whispers</a>` +
    `<span role="status" aria-live="polite" class="sync-pill sync-upToDate"><span class="sync-dot" aria-hidden="true"></span>Up to date</span></header>` +
    `<main class="main" id="main"><ul class="conv-list">${Array.from({ length: rows }, (_, i) => row(i)).join("")}</ul></main>` +
    `<div class="toasts" role="status"><p class="toast">Saved</p></div></div></div>`;
}

/** A fresh page load: an empty root, the same stylesheet. */
function freshPage(style = "/assets/index-a.css") {
  document.head.innerHTML = `<link rel="stylesheet" href="${style}">`;
  document.body.innerHTML = `<div id="root"></div>`;
}

beforeEach(() => {
  history.replaceState(null, "", "/");
  saveCachedViewer({ userKey: "dev|ada", provider: "dev", username: "ada" });
});

afterEach(() => {
  releaseListSnapshot();
  clearListSnapshot();
  clearCachedViewer();
  vi.useRealTimers();
});

describe("snapshotMarkup", () => {
  it("keeps the first rows and drops ids, open menus, toasts, probes and the live status", () => {
    renderInbox(SNAPSHOT_ROWS + 10);
    const copy = document.createElement("div");
    copy.innerHTML = snapshotMarkup(document.querySelector(".shell")!);
    expect(copy.querySelectorAll(".conv-row")).toHaveLength(SNAPSHOT_ROWS);
    expect(copy.querySelector(".conv-name")!.textContent).toBe("Person 0");
    expect(copy.querySelector("[id]")).toBeNull();
    expect(copy.querySelector("[elementtiming]")).toBeNull();
    expect(copy.querySelector(".menu-list")).toBeNull();
    expect(copy.querySelector(".toast")).toBeNull();
    const pill = copy.querySelector("[data-snapshot-pill]")!;
    expect(pill.textContent).toBe("");
    expect(pill.querySelector(".sync-dot")).not.toBeNull();
    // The page itself is untouched.
    expect(document.querySelectorAll("#root .conv-row")).toHaveLength(SNAPSHOT_ROWS + 10);
  });
});

describe("showListSnapshot", () => {
  it("shows the last inbox inert in place of the app root until the real list releases it", () => {
    renderInbox(3);
    expect(captureListSnapshot()).toBe(true);
    freshPage();
    expect(showListSnapshot()).toBe(true);
    const root = document.getElementById("root")!;
    const shown = root.previousElementSibling as HTMLElement;
    expect(shown.getAttribute("aria-hidden")).toBe("true");
    expect(shown.hasAttribute("inert")).toBe(true);
    expect(shown.querySelectorAll(".conv-row")).toHaveLength(3);
    expect(shown.querySelector(".sync-pill")!.textContent).toBe(navigator.onLine ? "Connecting" : "Offline");
    expect(root.style.display).toBe("none");
    expect(listSnapshotShown()).toBe(true);

    releaseListSnapshot();
    expect(document.querySelector(".list-snapshot")).toBeNull();
    expect(root.style.display).toBe("");
    expect(listSnapshotShown()).toBe(false);
    releaseListSnapshot(); // idempotent
  });

  it("is not shown for another person, another route, another build's styles, or when signed out", () => {
    renderInbox(3);
    captureListSnapshot();

    freshPage();
    saveCachedViewer({ userKey: "dev|bob", provider: "dev" });
    expect(showListSnapshot()).toBe(false);
    saveCachedViewer({ userKey: "dev|ada", provider: "dev" });

    history.replaceState(null, "", "/settings");
    expect(showListSnapshot()).toBe(false);
    history.replaceState(null, "", "/");

    freshPage("/assets/index-b.css");
    expect(showListSnapshot()).toBe(false);

    freshPage();
    clearCachedViewer();
    expect(showListSnapshot()).toBe(false);
    expect(document.querySelector(".list-snapshot")).toBeNull();
  });

  it("gives way by itself if the app never reports its first screen", () => {
    renderInbox(2);
    captureListSnapshot();
    freshPage();
    vi.useFakeTimers();
    expect(showListSnapshot()).toBe(true);
    vi.advanceTimersByTime(SNAPSHOT_MAX_MS);
    expect(listSnapshotShown()).toBe(false);
    expect(document.getElementById("root")!.style.display).toBe("");
  });
});

describe("capture and clear", () => {
  it("copies only the inbox route, and an empty inbox deletes the copy", () => {
    renderInbox(2);
    history.replaceState(null, "", "/archived");
    expect(captureListSnapshot()).toBe(false);
    history.replaceState(null, "", "/");
    expect(captureListSnapshot()).toBe(true);
    renderInbox(0);
    expect(captureListSnapshot()).toBe(false);
    freshPage();
    expect(showListSnapshot()).toBe(false);
  });

  it("a capture scheduled before sign-out never writes", () => {
    vi.useFakeTimers();
    renderInbox(2);
    scheduleListSnapshot();
    clearListSnapshot();
    vi.runAllTimers();
    freshPage();
    expect(showListSnapshot()).toBe(false);
  });

  it("a scheduled capture writes once the list settled", () => {
    vi.useFakeTimers();
    renderInbox(2);
    scheduleListSnapshot();
    scheduleListSnapshot(); // debounced
    vi.runAllTimers();
    freshPage();
    expect(showListSnapshot()).toBe(true);
  });
});
