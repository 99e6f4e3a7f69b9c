// Deleting one of the viewer's own whispers, after asking: gone for both people (or withdrawn if it never left this device).
import { createSignal, type JSX } from "solid-js";
import type { LocalWhisper } from "../../db/types";
import * as actions from "../../actions";
import { Dialog } from "../../ui/Dialog";
import { errorText } from "../../ui/format";
import { toast } from "../../ui/Toasts";
import { whisperState } from "./whisperState";

/** Not scheduled (cancelled in Scheduled) nor failed (discarded in place). */
export function canDelete(w: LocalWhisper): boolean {
  const state = whisperState(w);
  return w.fromViewer && state !== "scheduled" && state !== "failed";
}

/** `ask(w)` opens it, `view()` renders it; `counterpart` names the other person ("Carol", "Someone"). */
export function createWhisperDeletion(counterpart: () => string): { ask: (w: LocalWhisper) => void; view: () => JSX.Element } {
  const [target, setTarget] = createSignal<LocalWhisper | null>(null);
  const pending = () => {
    const w = target();
    return w !== null && whisperState(w) === "pending";
  };
  const media = () => {
    const w = target();
    if (w?.imageUrl || w?.localBlobKind === "image") return ", with its picture";
    if (w?.audioUrl || w?.localBlobKind === "voice" || w?.audioDuration) return ", with its voice note";
    return "";
  };
  const confirm = async () => {
    const w = target();
    setTarget(null);
    if (!w) return;
    try {
      await actions.deleteWhisper(w.id);
    } catch (error) {
      toast(errorText(error), "error");
    }
  };
  const view = () => (
    <Dialog open={target() !== null} title="Delete this whisper?" onClose={() => setTarget(null)}>
      <p>
        {pending()
          ? "It hasn't left this device yet: it won't be sent."
          : `It disappears for you and for ${counterpart()}${media()}. This can't be undone.`}
      </p>
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={() => setTarget(null)}>
          Cancel
        </button>
        <button type="button" class="btn btn-danger" onClick={() => void confirm()}>
          Delete
        </button>
      </div>
    </Dialog>
  );
  return { ask: setTarget, view };
}
