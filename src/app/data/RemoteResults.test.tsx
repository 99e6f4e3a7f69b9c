// @vitest-environment jsdom
// RemoteResults shows exactly one state of a live server list; createDebouncedQuery settles typing after a pause or at once on submit.
import { cleanup, render } from "@solidjs/testing-library";
import { ConvexError } from "convex/values";
import { createRoot, createSignal, For } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDebouncedQuery } from "../../ui/debouncedQuery";
import type { RemoteWatch } from "./remoteWatch";
import { RemoteResults } from "./RemoteResults";

const online = vi.hoisted(() => ({ value: true }));
vi.mock("../../ui/online", () => ({ isOnline: () => online.value }));

function watch(state: { value?: string[]; error?: unknown; loading?: boolean }) {
  const [value] = createSignal(state.value);
  const [error] = createSignal(state.error);
  const [loading] = createSignal(state.loading ?? false);
  return { value, error, loading } satisfies RemoteWatch<string[]>;
}

function shown(w: RemoteWatch<string[]>, props: { prompt?: string | false; offline?: string; loading?: string } = {}) {
  const { container } = render(() => (
    <RemoteResults watch={w} empty={<p>Nothing found.</p>} {...props}>
      {(list) => <ul><For each={list()}>{(x) => <li>{x}</li>}</For></ul>}
    </RemoteResults>
  ));
  return container.textContent;
}

afterEach(() => {
  cleanup();
  online.value = true;
});

describe("RemoteResults", () => {
  it("shows the list, or the empty state once the answer is an empty list", () => {
    expect(shown(watch({ value: ["ann", "bo"] }))).toBe("annbo");
    expect(shown(watch({ value: [] }))).toBe("Nothing found.");
  });

  it("shows the loading line only before a first answer, and keeps the last answer while a new one loads", () => {
    expect(shown(watch({ loading: true }), { loading: "Searching…" })).toBe("Searching…");
    expect(shown(watch({ loading: true, value: ["ann"] }), { loading: "Searching…" })).toBe("ann");
    expect(shown(watch({ loading: true, value: [] }), { loading: "Searching…" })).toBe("");
  });

  it("puts the prompt before any result, the error before the list, and the offline notice before everything", () => {
    expect(shown(watch({ value: ["ann"] }), { prompt: "Type at least two letters." })).toBe("Type at least two letters.");
    expect(shown(watch({ value: ["ann"] }), { prompt: false })).toBe("ann");
    expect(shown(watch({ value: ["ann"], error: new ConvexError({ code: "FORBIDDEN", message: "Server says no." }) }))).toBe("Server says no.");
    online.value = false;
    expect(shown(watch({ value: ["ann"] }), { offline: "Searching skills", prompt: "Type." })).toMatch(/Searching skills/);
    expect(shown(watch({ value: ["ann"] }))).toBe("ann");
  });
});

describe("createDebouncedQuery", () => {
  it("settles the trimmed text after a pause in typing, or at once on submit", () => {
    vi.useFakeTimers();
    try {
      createRoot((dispose) => {
        const search = createDebouncedQuery(300);
        search.input(" gui");
        vi.advanceTimersByTime(200);
        search.input(" guitar ");
        vi.advanceTimersByTime(200);
        expect(search.typed()).toBe(" guitar ");
        expect(search.query()).toBe("");
        vi.advanceTimersByTime(100);
        expect(search.query()).toBe("guitar");
        search.input("piano");
        search.submit();
        expect(search.query()).toBe("piano");
        dispose();
      });
    } finally {
      vi.useRealTimers();
    }
  });
});
