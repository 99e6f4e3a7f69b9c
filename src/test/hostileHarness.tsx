// The frame of the hostile-payload tests (src/test/hostile*.test.tsx): mounting a view with hostile fields and with their benign twins, and comparing the two.
import { MemoryRouter, Route } from "@solidjs/router";
import fc from "fast-check";
import type { JSX } from "solid-js";
import { render } from "solid-js/web";
import { afterEach, beforeEach, expect, vi } from "vitest";
import type { LocalConversation } from "../db/types";
import { setRemoteTransport } from "../sync/remote";
import type { Transport } from "../sync/transport";
import { dangersIn, shapeOf, twinFields } from "./hostile";
import { data } from "./hostileQueries";

export { data };

/** Runs per property. */
const NUM_RUNS = 30;
/** The fixed time the generated rows carry. */
export const AT = Date.UTC(2025, 4, 6, 12, 30);

const fakeServer = {
  subscribe(udfPath: string, _args: Record<string, unknown>, onValue: (value: unknown) => void) {
    onValue(data.remote[udfPath]);
    return () => undefined;
  },
  mutation: async () => null,
  action: async () => null,
  upload: async () => "storage-id",
  connection: () => ({ connected: true, hasEverConnected: true }),
  onConnectionChange: () => () => undefined,
} satisfies Transport;

// ── Rendering a payload and its benign twin, and comparing them ───────────────────────────────

type Mounted = { root: HTMLElement; dispose: () => void };

export function mount(ui: () => JSX.Element, router: boolean): Mounted {
  const root = document.body.appendChild(document.createElement("div"));
  const dispose = render(
    () => (router ? <MemoryRouter>{[<Route path="*" component={() => ui()} />]}</MemoryRouter> : ui()),
    root,
  );
  return { root, dispose };
}

export function unmount(m: Mounted) {
  m.dispose();
  m.root.remove();
}

export type Options<F> = {
  /** Wrap in a router (for components with links or navigation). */
  router?: boolean;
  /** Prepares the world (live readers, server answers) for these fields before rendering. */
  setup?: (f: F) => void;
  /** Runs after mounting (type, click, raise a toast). */
  act?: (root: HTMLElement, f: F) => void;
  /** Runs before unmounting. */
  after?: () => void;
};

/**
 * Renders `view` with the hostile `fields` and with their benign twins. The hostile render must
 * hold no dangerous element, handler or script URL and have exactly the twin's shape (same
 * elements with the same attribute names); `check` proves the text arrived verbatim.
 */
export function expectInert<F extends Record<string, unknown>>(
  fields: F,
  view: (f: F) => JSX.Element,
  check: (body: HTMLElement, f: F) => void,
  options: Options<F> = {},
): void {
  const renderShape = (f: F, inspect?: (body: HTMLElement) => void): string[] => {
    options.setup?.(f);
    const m = mount(() => view(f), options.router ?? false);
    try {
      options.act?.(m.root, f);
      inspect?.(document.body);
      return shapeOf(document.body);
    } finally {
      options.after?.();
      unmount(m);
    }
  };
  const hostileShape = renderShape(fields, (body) => {
    expect(dangersIn(body)).toEqual([]);
    check(body, fields);
  });
  const twinShape = renderShape(twinFields(fields));
  expect(hostileShape).toEqual(twinShape);
}

/** The text of `s` is shown as is (nothing to see for an empty string). */
export function expectText(body: HTMLElement, s: string | undefined) {
  if (s) expect(body.textContent).toContain(s);
}

/** Runs a property with the file's run count. */
export function holds<F>(arb: fc.Arbitrary<F>, predicate: (f: F) => void) {
  fc.assert(fc.property(arb, predicate), { numRuns: NUM_RUNS });
}

/**
 * The per-test frame, registered by each test file at its top level: the fake server answers
 * remote reads, and a render that logged an error (e.g. a thrown effect Solid reported) fails.
 */
export function useHostileHarness(): void {
  beforeEach(() => {
    setRemoteTransport(fakeServer);
    vi.spyOn(console, "error");
  });

  afterEach(() => {
    expect(console.error).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    setRemoteTransport(null);
    document.body.innerHTML = "";
  });
}

// ── Rows shared by several files ──────────────────────────────────────────────────────────────

export const conversationOf = (counterpart: LocalConversation["counterpart"], extra: Partial<LocalConversation> = {}): LocalConversation => ({
  id: "c1",
  syncState: "synced",
  status: "active",
  counterpartId: "bob",
  isMystery: false,
  counterpartHidden: false,
  counterpart,
  isPinned: false,
  isArchived: false,
  unreadCount: 2,
  lastActivityAt: AT,
  listRank: AT,
  ...extra,
});

/** The name a conversation shows for the other person (display name, else username). */
export const shownName = (displayName: string, username?: string) => displayName || username || "Unknown";
export const fullName = (first?: string, last?: string) => [first, last].filter(Boolean).join(" ").trim();
