// @vitest-environment jsdom
// The PWA components: update/offline toasts (roles, names, actions), install button, iOS hint.
import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InstallButton, IosInstallHint } from "./InstallButton";
import { resetInstallState, watchInstallPrompt } from "./install";
import { OFFLINE_READY_MS, UpdateToasts } from "./UpdateToasts";

afterEach(() => {
  cleanup();
  resetInstallState();
});

describe("UpdateToasts", () => {
  it("announces an update as an alert with Reload and Later", () => {
    const onReload = vi.fn();
    const onClose = vi.fn();
    render(() => <UpdateToasts needRefresh offlineReady={false} onReload={onReload} onClose={onClose} />);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Update available");
    fireEvent.click(screen.getByRole("button", { name: "Reload" }));
    expect(onReload).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("button", { name: "Later" }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("says once that the app works offline, politely, and can be dismissed", () => {
    const [ready, setReady] = createSignal(true);
    render(() => <UpdateToasts needRefresh={false} offlineReady={ready()} onReload={vi.fn()} onClose={() => setReady(false)} />);
    expect(screen.getByRole("status").textContent).toContain("Ready to work offline");
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("lets the offline notice go by itself, but not while the pointer or the focus is on it", () => {
    vi.useFakeTimers();
    try {
      const [ready, setReady] = createSignal(true);
      render(() => <UpdateToasts needRefresh={false} offlineReady={ready()} onReload={vi.fn()} onClose={() => setReady(false)} />);
      const notice = screen.getByRole("status");
      fireEvent.pointerEnter(notice);
      vi.advanceTimersByTime(OFFLINE_READY_MS * 2);
      expect(screen.queryByRole("status")).not.toBeNull();
      fireEvent.pointerLeave(notice);
      vi.advanceTimersByTime(OFFLINE_READY_MS - 1);
      expect(screen.queryByRole("status")).not.toBeNull();
      vi.advanceTimersByTime(1);
      expect(screen.queryByRole("status")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows nothing when there is nothing to say", () => {
    render(() => <UpdateToasts needRefresh={false} offlineReady={false} onReload={vi.fn()} onClose={vi.fn()} />);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
  });
});

describe("InstallButton", () => {
  it("appears when the browser offers installing and opens its dialog", async () => {
    const target = new EventTarget() as Window;
    watchInstallPrompt(target);
    render(() => <InstallButton />);
    expect(screen.queryByRole("button", { name: "Install Whispers" })).toBeNull();
    const event = Object.assign(new Event("beforeinstallprompt", { cancelable: true }), {
      prompt: vi.fn(async () => undefined),
      userChoice: Promise.resolve({ outcome: "dismissed" as const }),
    });
    target.dispatchEvent(event);
    fireEvent.click(await screen.findByRole("button", { name: "Install Whispers" }));
    expect(event.prompt).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("button", { name: "Install Whispers" })).toBeNull();
  });
});

describe("IosInstallHint", () => {
  it("explains Add to Home Screen on iOS Safari and nothing elsewhere", () => {
    render(() => (
      <>
        <IosInstallHint force />
        <IosInstallHint force={false} />
      </>
    ));
    const notes = screen.getAllByRole("note");
    expect(notes).toHaveLength(1);
    expect(notes[0].textContent).toMatch(/tap Share.*then Add to Home Screen/);
  });
});
