// @vitest-environment jsdom
// The refused-account screen: an erased account says whether its data is still being erased on the server.
import { MemoryRouter, Route } from "@solidjs/router";
import { cleanup, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";

const me = vi.hoisted(() => ({ value: null as { erasing?: boolean } | null }));
vi.mock("../sync/remote", () => ({ remoteQuery: async () => me.value }));

const { AccountRefused } = await import("./AccountRefused");

afterEach(cleanup);

function showErased() {
  const screenOf = () => <AccountRefused refusal={{ code: "DELETED", message: "This account was deleted." }} />;
  render(() => <MemoryRouter>{[<Route path="/" component={screenOf} />]}</MemoryRouter>);
}

describe("AccountRefused", () => {
  it("an erased account whose batches still run says its data is being erased", async () => {
    me.value = { erasing: true };
    showErased();
    expect(await screen.findByText(/Its data is being erased from the server/)).toBeTruthy();
  });

  it("once the erasure finished, that its data was erased", async () => {
    me.value = { erasing: false };
    showErased();
    expect(await screen.findByText(/Its data was erased from the server/)).toBeTruthy();
    expect(screen.queryByText(/being erased/)).toBeNull();
  });
});
