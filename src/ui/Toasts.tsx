// Short-lived notices (errors such as "Storage is full", confirmations); announced to screen readers.
import { createSignal, For } from "solid-js";
import { errorText } from "./format";

type Toast = { id: number; text: string; tone: "info" | "error" };
const [toasts, setToasts] = createSignal<Toast[]>([]);
let nextId = 1;

/** Errors stay longer. */
export function toast(text: string, tone: Toast["tone"] = "info"): void {
  const id = nextId++;
  setToasts((all) => [...all, { id, text, tone }]);
  setTimeout(() => setToasts((all) => all.filter((t) => t.id !== id)), tone === "error" ? 8000 : 4000);
}

export async function toastOutcome(what: Promise<unknown>, done?: string): Promise<void> {
  try {
    await what;
    if (done) toast(done);
  } catch (error) {
    toast(errorText(error), "error");
  }
}

export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      <For each={toasts()}>{(t) => <p class={`toast toast-${t.tone}`}>{t.text}</p>}</For>
    </div>
  );
}
