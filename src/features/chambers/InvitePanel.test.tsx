// @vitest-environment jsdom
// The invite panel: the link (for this origin) and the code in read-only fields, each copied with its own button; Share where the browser has it.
import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvitePanel } from "./InvitePanel";

afterEach(() => {
  cleanup();
  delete (navigator as { share?: unknown }).share;
});

describe("InvitePanel", () => {
  it("shows the /join/ link and the code in read-only fields, and copies them", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(() => <InvitePanel code="Ab3-_x9ZqQ0k" name="Night Owls" />);
    const link = screen.getByRole("textbox", { name: "Invite link" }) as HTMLInputElement;
    const code = screen.getByRole("textbox", { name: "Invite code" }) as HTMLInputElement;
    expect(link.value).toBe(`${location.origin}/join/Ab3-_x9ZqQ0k`);
    expect(link.readOnly).toBe(true);
    expect(code.value).toBe("Ab3-_x9ZqQ0k");
    expect(code.readOnly).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Copy invite link" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(`${location.origin}/join/Ab3-_x9ZqQ0k`));
    await waitFor(() => expect(screen.getByRole("button", { name: "Copy invite link" }).textContent).toContain("Copied"));
    fireEvent.click(screen.getByRole("button", { name: "Copy invite code" }));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith("Ab3-_x9ZqQ0k"));
    expect(screen.queryByRole("button", { name: /Share/ })).toBeNull(); // jsdom has no Web Share
  });

  it("shares the link through the system share sheet where there is one", async () => {
    const share = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "share", { value: share, configurable: true });
    render(() => <InvitePanel code="Ab3-_x9ZqQ0k" name="Night Owls" />);
    fireEvent.click(screen.getByRole("button", { name: "Share invite…" }));
    expect(share).toHaveBeenCalledWith({
      title: "Night Owls",
      text: "Join “Night Owls” on Whispers",
      url: `${location.origin}/join/Ab3-_x9ZqQ0k`,
    });
  });

  it("explains that the code comes once the server created the chamber", () => {
    render(() => <InvitePanel code={undefined} name="New" />);
    expect(screen.getByText(/appears once the server has created the chamber/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Copy/ })).toBeNull();
  });
});
