// "Block this sender" in a masked mystery conversation: the confirmation, and the banner in the composer's place.
import { createSignal, type JSX } from "solid-js";
import type { LocalConversation } from "../../db/types";
import * as actions from "../../actions";
import { Dialog } from "../../ui/Dialog";
import { toastOutcome } from "../../ui/Toasts";

/** A mystery conversation whose sender the viewer does not know. */
export function canBlockSender(c: LocalConversation): boolean {
  return c.isMystery && c.counterpartHidden;
}

/** No confirmation: nothing is lost by it. */
export function unblockSender(conversationId: string): void {
  void toastOutcome(actions.unblockConversation(conversationId), "Unblocked.");
}

/** `ask()` opens it, `view()` renders it; blocking is queued like every change (offline too). */
export function createSenderBlocking(conversationId: () => string | undefined): { ask: () => void; view: () => JSX.Element } {
  const [open, setOpen] = createSignal(false);
  const confirm = () => {
    setOpen(false);
    const id = conversationId();
    if (id) void toastOutcome(actions.blockConversation(id), "Blocked. This sender can't whisper you any more.");
  };
  const view = () => (
    <Dialog open={open()} title="Block this sender?" onClose={() => setOpen(false)}>
      <p>
        Whoever sent these mystery whispers can't whisper you in this conversation any more, nor send you another mystery
        whisper. You can't reply here either until you unblock.
      </p>
      <p class="hint">They aren't told, and who they are stays hidden.</p>
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="button" class="btn btn-danger" onClick={confirm}>
          Block
        </button>
      </div>
    </Dialog>
  );
  return { ask: () => setOpen(true), view };
}

export function SenderBlockedBanner(props: { conversationId: string }) {
  return (
    <div class="banner banner-bottom" role="status">
      <p>You blocked this sender. Neither of you can whisper in this conversation.</p>
      <button type="button" class="btn btn-small" onClick={() => unblockSender(props.conversationId)}>
        Unblock
      </button>
    </div>
  );
}
