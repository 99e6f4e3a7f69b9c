// @vitest-environment jsdom
// The chamber composer: a message past the server's limit stays whole, is counted and is not sent; one that fits is.
import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChamberComposer } from "./ChamberComposer";

const posted = vi.hoisted(() => [] as Array<[string, string]>);
vi.mock("../../actions", () => ({
  postToChamber: async (chamberId: string, content: string) => void posted.push([chamberId, content]),
}));

afterEach(cleanup);

describe("ChamberComposer", () => {
  it("counts near the limit, refuses past it with the reason, and sends once it fits", async () => {
    render(() => <ChamberComposer chamberId="room1" alias="Quiet Owl" />);
    const box = screen.getByRole("textbox", { name: "Message as Quiet Owl" }) as HTMLTextAreaElement;
    const send = screen.getByRole("button", { name: "Send message" }) as HTMLButtonElement;
    expect(box.maxLength).toBe(-1);
    fireEvent.input(box, { target: { value: "x".repeat(1500) } });
    expect(box.value).toHaveLength(1500);
    expect(screen.getByText("1,500 / 1,000", { exact: false })).toBeTruthy();
    expect(send.disabled).toBe(true);
    expect(document.getElementById(send.getAttribute("aria-describedby")!)!.textContent).toBe(
      "Too long to send: the limit is 1,000 characters. Shorten it first.",
    );
    fireEvent.keyDown(box, { key: "Enter" });
    await Promise.resolve();
    expect(posted).toEqual([]);
    fireEvent.input(box, { target: { value: "y".repeat(950) } });
    expect(screen.getByText("950 / 1,000", { exact: false })).toBeTruthy();
    fireEvent.keyDown(box, { key: "Enter" });
    await Promise.resolve();
    expect(posted).toEqual([["room1", "y".repeat(950)]]);
  });
});
