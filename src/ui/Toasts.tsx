// Short-lived notices (errors such as "Storage is full", confirmations); announced to screen readers.
import { createSignal, For } from "solid-js";

type Toast = { id: number; text: string; tone: "info" | "error" };
const [toasts, setToasts] = createSignal<Toast[]>([]);
let nextId = 1;

/** Shows `text` for a few seconds (errors stay longer). */
export function toast(text: string, tone: Toast["tone"] = "info"): void {
  const id = nextId++;
  setToasts((all) => [...all, { id, text, tone }]);
  setTimeout(() => setToasts((all) => all.filter((t) => t.id !== id)), tone === "error" ? 8000 : 4000);
}

export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      <For each={toasts()}>{(t) => <p class={`toast toast-${t.tone}`}>{t.text}</p>}</For>
    </div>
  );
}
