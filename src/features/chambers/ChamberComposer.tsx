// Writes a chamber message: Enter sends (Shift+Enter for a new line); offline it queues and sends later, like whispers.
import { createSignal } from "solid-js";
import * as actions from "../../actions";
import { reserveBottom } from "../../ui/bottomReserve";
import { Icon } from "../../ui/Icon";
import { LengthLimit, overLimit } from "../../ui/LengthLimit";
import { toast } from "../../ui/Toasts";

/** The server's limit for a chamber message (convex/echoChambers.ts postMessage). */
const MAX = 1000;

export function ChamberComposer(props: { chamberId: string; alias?: string }) {
  const [text, setText] = createSignal("");
  const tooLong = () => overLimit(text(), MAX);
  const send = async () => {
    const content = text().trim();
    if (!content || tooLong()) return;
    try {
      await actions.postToChamber(props.chamberId, content);
      setText("");
    } catch (error) {
      toast(error instanceof Error ? error.message : "Could not save the message.", "error");
    }
  };
  return (
    <form
      ref={reserveBottom}
      class="chamber-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <LengthLimit id="chamber-input-length" class="chamber-length" value={text()} max={MAX} />
      <label for="chamber-input" class="visually-hidden">
        Message as {props.alias ?? "your alias"}
      </label>
      <textarea
        id="chamber-input"
        rows={1}
        dir="auto"
        aria-describedby="chamber-input-length"
        aria-invalid={tooLong() ? "true" : undefined}
        placeholder={props.alias ? `Message as ${props.alias}` : "Message"}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <button
        type="submit"
        class="icon-btn chamber-send"
        aria-label="Send message"
        aria-describedby="chamber-input-length"
        disabled={!text().trim() || tooLong()}
      >
        <Icon name="send" />
      </button>
    </form>
  );
}
