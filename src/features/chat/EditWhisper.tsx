// Editing the text of one of the viewer's own whispers in a dialog (Enter saves, Escape cancels), while its edit window lasts.
import { createEffect, createMemo, createSignal, onCleanup, Show, type JSX } from "solid-js";
import { EDIT_WINDOW_MS, withinEditWindow } from "../../../convex/lib/editWindow";
import { MAX_CONTENT } from "../../../convex/lib/textLimits";
import type { LocalWhisper } from "../../db/types";
import * as actions from "../../actions";
import { Dialog } from "../../ui/Dialog";
import { errorText } from "../../ui/format";
import { LengthLimit, overLimit } from "../../ui/LengthLimit";
import { toast } from "../../ui/Toasts";
import { whisperState } from "./whisperState";
import "./editWhisper.css";

const WINDOW_MINUTES = EDIT_WINDOW_MS / 60_000;

/** Its text is a caption, which may be removed. */
function hasMedia(w: LocalWhisper): boolean {
  return !!(w.imageUrl || w.audioUrl || w.localBlobKey || w.audioDuration !== undefined);
}

/** Undefined while undelivered: editable until delivery and for EDIT_WINDOW_MS after, as the server allows. */
function editableUntil(w: LocalWhisper): number | undefined {
  if (w.isLocal || w.deliveredAt === undefined) return undefined;
  return w.deliveredAt + EDIT_WINDOW_MS;
}

export function canEdit(w: LocalWhisper, now: number): boolean {
  const state = whisperState(w);
  if (!w.fromViewer || w.isDeleted || state === "scheduled" || state === "failed" || w.content.trim() === "") return false;
  if (w.isLocal) return true;
  return w.deliveredAt !== undefined && withinEditWindow(w.deliveredAt, now);
}

/** One timer, not a ticking clock; a timer may fire just before Date.now() says it is due, so each tick sets the next. */
export function createCanEdit(whisper: () => LocalWhisper): () => boolean {
  const [tick, setTick] = createSignal(0);
  createEffect(() => {
    tick();
    const until = editableUntil(whisper());
    const wait = until === undefined ? -1 : until - Date.now();
    if (wait < 0) return;
    const timer = setTimeout(() => setTick((n) => n + 1), wait + 1);
    onCleanup(() => clearTimeout(timer));
  });
  const editable = createMemo(() => {
    tick();
    return canEdit(whisper(), Date.now());
  });
  return editable;
}

/** `ask(w)` opens it on `w`'s text, `view()` renders it. */
export function createWhisperEditing(): { ask: (w: LocalWhisper) => void; view: () => JSX.Element } {
  const [target, setTarget] = createSignal<LocalWhisper | null>(null);
  const [text, setText] = createSignal("");
  const id = `edit-${Math.random().toString(36).slice(2)}`;
  let box: HTMLTextAreaElement | undefined;
  const ask = (w: LocalWhisper) => {
    setText(w.content);
    setTarget(w);
    queueMicrotask(() => {
      box?.focus();
      box?.setSelectionRange(box.value.length, box.value.length);
    });
  };
  const empty = () => {
    const w = target();
    return text().trim() === "" && !(w && hasMedia(w));
  };
  const blocked = () => empty() || overLimit(text(), MAX_CONTENT);
  const save = async () => {
    const w = target();
    if (!w || blocked()) return;
    setTarget(null);
    if (!canEdit(w, Date.now())) {
      toast(`This whisper can no longer be edited: whispers can be edited for ${WINDOW_MINUTES} minutes after they are sent.`, "error");
      return;
    }
    try {
      await actions.editWhisper(w.id, text());
    } catch (error) {
      toast(errorText(error), "error");
    }
  };
  const view = () => (
    <Dialog open={target() !== null} title="Edit whisper" onClose={() => setTarget(null)}>
      <form
        class="edit-whisper"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label class="visually-hidden" for={`${id}-text`}>
          Whisper text
        </label>
        <textarea
          ref={box}
          id={`${id}-text`}
          class="input edit-whisper-input"
          dir="auto"
          rows={4}
          value={text()}
          aria-describedby={`${id}-hint ${id}-length`}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              void save();
            }
          }}
        />
        <LengthLimit id={`${id}-length`} value={text()} max={MAX_CONTENT} action="save" />
        <p id={`${id}-hint`} class="hint">
          Enter saves, Shift+Enter starts a new line, Escape cancels.
        </p>
        <Show when={empty()}>
          <p class="hint" role="status">
            A whisper needs some text.
          </p>
        </Show>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => setTarget(null)}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary" disabled={blocked()}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
  return { ask, view };
}
