// @vitest-environment jsdom
// The composer: Enter sends and clears, Record voice until something is written then Send and Schedule, mystery and reply modes, flags hide controls, scheduling.
import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import "../../test/jsdomDialog";
import type { LocalWhisper } from "../../db/types";
import { Composer, type ComposerProps } from "./Composer";
import type { Draft } from "./drafts";
import { defaultScheduleTime, parseSchedule } from "./ScheduleDialog";

afterEach(cleanup);

function setup(overrides: Partial<ComposerProps> = {}) {
  const sent: Draft[] = [];
  const onSend = vi.fn(async (draft: Draft) => void sent.push(draft));
  const props: ComposerProps = { enabled: () => true, mystery: "none", onCancelReply: vi.fn(), onSend, ...overrides };
  render(() => <Composer {...props} />);
  const box = screen.getByRole("textbox", { name: "Message" }) as HTMLTextAreaElement;
  return { sent, onSend, props, box };
}

const type = (box: HTMLTextAreaElement, text: string) => fireEvent.input(box, { target: { value: text } });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("Composer", () => {
  it("sends the trimmed text with Enter and clears the box; Shift+Enter does not send", async () => {
    const { sent, box } = setup();
    type(box, "  hello there  ");
    expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(false);
    fireEvent.keyDown(box, { key: "Enter", shiftKey: true });
    expect(sent).toHaveLength(0);
    fireEvent.keyDown(box, { key: "Enter" });
    await flush();
    expect(sent).toEqual([{ kind: "text", content: "hello there", image: undefined, mystery: false }]);
    expect(box.value).toBe("");
  });

  it("offers Record voice while nothing is written, Send and Schedule in its place once something is", async () => {
    const { box } = setup();
    const offered = () => screen.queryAllByRole("button").map((b) => b.getAttribute("aria-label")).filter((name) => name !== null);
    expect(offered()).toEqual(["Record voice"]);
    type(box, "   ");
    expect(offered()).toEqual(["Record voice"]);
    type(box, "hello");
    expect(offered()).toEqual(["Schedule", "Send"]);
    type(box, "");
    expect(offered()).toEqual(["Record voice"]);
    cleanup();
    // Without voice whispers Send is always there, disabled while there is nothing to send.
    setup({ enabled: (name) => name !== "VOICE_WHISPERS" });
    expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole("button", { name: "Schedule" })).toBeNull();
  });

  it("sends once however fast Send is pressed again while saving, and shows busy only for a slow save", async () => {
    vi.useFakeTimers();
    try {
      let finish!: () => void;
      const onSend = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
      const { box } = setup({ onSend });
      type(box, "just once");
      const send = screen.getByRole("button", { name: "Send" }) as HTMLButtonElement;
      fireEvent.click(send);
      fireEvent.keyDown(box, { key: "Enter" });
      fireEvent.click(send);
      expect(onSend).toHaveBeenCalledTimes(1);
      expect(send.disabled).toBe(false); // a normal save is over before anyone could see a busy state
      await vi.advanceTimersByTimeAsync(200);
      expect(send.disabled).toBe(true); // still saving: busy
      finish();
      await vi.advanceTimersByTimeAsync(0);
      expect(box.value).toBe("");
      expect(onSend).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps the text when sending fails", async () => {
    const { box } = setup({ onSend: async () => Promise.reject(new Error("Storage is full")) });
    type(box, "keep me");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await flush();
    expect(box.value).toBe("keep me");
  });

  it("offers Mystery whisper unchecked when starting one, checked when continuing one", async () => {
    const first = setup({ mystery: "offer" });
    const box = screen.getByRole("checkbox", { name: "Mystery whisper" }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    type(first.box, "guess who");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await flush();
    expect(first.sent[0]).toMatchObject({ kind: "text", mystery: true });
    cleanup();
    setup({ mystery: "continue" });
    expect((screen.getByRole("checkbox", { name: "Mystery whisper" }) as HTMLInputElement).checked).toBe(true);
    cleanup();
    setup({ mystery: "none" });
    expect(screen.queryByRole("checkbox", { name: "Mystery whisper" })).toBeNull();
  });

  it("shows voice (masked by default), image and schedule controls only when their flags are on", () => {
    const on = setup();
    expect(screen.getByRole("button", { name: "Record voice" })).toBeTruthy();
    expect((screen.getByRole("switch", { name: "Mask my voice" }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText("Attach image")).toBeTruthy();
    type(on.box, "soon");
    expect(screen.getByRole("button", { name: "Schedule" })).toBeTruthy();
    cleanup();
    const off = setup({ enabled: () => false, mystery: "offer" });
    type(off.box, "soon");
    expect(screen.queryByRole("button", { name: "Record voice" })).toBeNull();
    expect(screen.queryByRole("switch", { name: "Mask my voice" })).toBeNull();
    expect(screen.queryByLabelText("Attach image")).toBeNull();
    expect(screen.queryByRole("button", { name: "Schedule" })).toBeNull();
  });

  it("in reply mode names the whisper, hides voice and schedule, and can cancel", () => {
    const replyTo = { id: "w1", content: "original words", reactions: [] } as unknown as LocalWhisper;
    const { props, box } = setup({ replyTo });
    expect(screen.getByText(/Replying to/).textContent).toContain("original words");
    type(box, "a reply");
    expect(screen.queryByRole("button", { name: "Record voice" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Schedule" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Cancel reply" }));
    expect(props.onCancelReply).toHaveBeenCalled();
  });

  it("schedules with the chosen date and time", async () => {
    const { sent, box } = setup();
    type(box, "later, please");
    fireEvent.click(screen.getByRole("button", { name: "Schedule" }));
    const at = new Date(Date.now() + 2 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    fireEvent.input(screen.getByLabelText("Date"), { target: { value: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` } });
    fireEvent.input(screen.getByLabelText("Time"), { target: { value: "09:30" } });
    fireEvent.submit(screen.getByRole("button", { name: "Schedule whisper" }).closest("form")!);
    await flush();
    expect(sent).toHaveLength(1);
    const draft = sent[0] as Extract<Draft, { kind: "schedule" }>;
    expect(draft).toMatchObject({ kind: "schedule", content: "later, please", mystery: false });
    expect(new Date(draft.scheduledFor).getHours()).toBe(9);
    expect(new Date(draft.scheduledFor).getMinutes()).toBe(30);
    expect(box.value).toBe("");
  });

  it("keeps a paste longer than the limit whole, counts it and refuses to send it, saying why", async () => {
    const { sent, box } = setup();
    expect(box.maxLength).toBe(-1); // the browser never cuts a paste
    type(box, "a".repeat(1799));
    const send = screen.getByRole("button", { name: "Send" }) as HTMLButtonElement;
    expect(screen.queryByText(/\/ 2,000/)).toBeNull();
    type(box, "a".repeat(1950));
    expect(screen.getByText("1,950 / 2,000", { exact: false })).toBeTruthy();
    expect(send.disabled).toBe(false);
    type(box, "b".repeat(5000));
    expect(box.value).toHaveLength(5000);
    expect(screen.getByText("5,000 / 2,000", { exact: false })).toBeTruthy();
    expect(send.disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Schedule" }) as HTMLButtonElement).disabled).toBe(true);
    // The reason is a status line (announced once as it appears) that describes the disabled Send.
    const reason = document.getElementById(send.getAttribute("aria-describedby")!)!;
    expect(reason.getAttribute("role")).toBe("status");
    expect(reason.textContent).toBe("Too long to send: the limit is 2,000 characters. Shorten it first.");
    expect(box.getAttribute("aria-invalid")).toBe("true");
    fireEvent.keyDown(box, { key: "Enter" });
    await flush();
    expect(sent).toHaveLength(0);
    // Shortened to the limit (surrounding spaces don't count, as on the server), it goes.
    type(box, `  ${"c".repeat(2000)}  `);
    expect(reason.textContent).toBe("");
    fireEvent.keyDown(box, { key: "Enter" });
    await flush();
    expect(sent).toEqual([{ kind: "text", content: "c".repeat(2000), image: undefined, mystery: false }]);
  });
});

describe("schedule parsing", () => {
  const now = new Date(2030, 0, 1, 12, 0).getTime();
  it("refuses the past, the next minute and more than a year ahead", () => {
    expect(parseSchedule("2030-01-01", "11:00", now)).toEqual({ error: "Pick a time at least a minute from now." });
    expect(parseSchedule("2031-06-01", "11:00", now)).toHaveProperty("error");
    expect(parseSchedule("", "11:00", now)).toEqual({ error: "Choose a date and a time." });
    expect(parseSchedule("2030-01-02", "08:15", now)).toEqual({ at: new Date(2030, 0, 2, 8, 15).getTime() });
  });
  it("defaults to an hour ahead on a five-minute mark", () => {
    const d = defaultScheduleTime(new Date(2030, 0, 1, 12, 7).getTime());
    expect([d.getHours(), d.getMinutes()]).toEqual([13, 10]);
  });
});
