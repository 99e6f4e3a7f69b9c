// @vitest-environment jsdom
// The invite panel: shows the code and the link for this origin, and copies each with its own button.
import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvitePanel } from "./InvitePanel";

afterEach(cleanup);

describe("InvitePanel", () => {
  it("shows the code and the /join/ link, and copies them", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(() => <InvitePanel code="Ab3-_x9ZqQ0k" name="Night Owls" />);
    expect(screen.getByTestId("invite-code").textContent).toBe("Ab3-_x9ZqQ0k");
    expect(screen.getByTestId("invite-link").textContent).toBe(`${location.origin}/join/Ab3-_x9ZqQ0k`);
    fireEvent.click(screen.getByRole("button", { name: "Copy invite link" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(`${location.origin}/join/Ab3-_x9ZqQ0k`));
    fireEvent.click(screen.getByRole("button", { name: "Copy invite code" }));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith("Ab3-_x9ZqQ0k"));
  });

  it("explains that the code comes once the server created the chamber", () => {
    render(() => <InvitePanel code={undefined} name="New" />);
    expect(screen.getByText(/appears once the server has created the chamber/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Copy/ })).toBeNull();
  });
});
