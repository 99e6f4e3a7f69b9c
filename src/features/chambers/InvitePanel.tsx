// Share a chamber: its invite code and link to copy, and the system share sheet where there is one.
import { createSignal, Show } from "solid-js";
import { Glyph } from "../../ui/Glyph";
import { toast } from "../../ui/Toasts";
import { inviteLink } from "./invite";

type Copied = "" | "Invite code" | "Invite link";

/** Read-only, whole on one line, selected on focus. */
function CopyField(props: { id: string; label: Copied; value: string; copied: boolean; onCopy: () => void }) {
  return (
    <div class="invite-field">
      <label class="invite-label" for={props.id}>
        {props.label}
      </label>
      <div class="invite-row">
        <input
          id={props.id}
          class="invite-value"
          readOnly
          dir="ltr"
          spellcheck={false}
          autocomplete="off"
          value={props.value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" class="btn btn-small" onClick={() => props.onCopy()} aria-label={`Copy ${props.label.toLowerCase()}`}>
          <Glyph name={props.copied ? "check" : "copy"} size={16} /> {props.copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}

export function InvitePanel(props: { code: string | undefined; name: string }) {
  const [copied, setCopied] = createSignal<Copied>("");
  const link = () => (props.code ? inviteLink(location.origin, props.code) : "");
  const canShare = typeof navigator !== "undefined" && typeof navigator.share === "function";
  let reset: ReturnType<typeof setTimeout> | undefined;
  const copy = async (text: string, what: Copied) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
      toast(`${what} copied.`);
      clearTimeout(reset);
      reset = setTimeout(() => setCopied(""), 2500);
    } catch {
      toast("Copying isn't allowed here: select the text and copy it yourself.", "error");
    }
  };
  const share = () =>
    navigator
      .share({ title: props.name, text: `Join “${props.name}” on Whispers`, url: link() })
      // Closing the share sheet rejects with AbortError: nothing to say.
      .catch((error: unknown) => {
        if ((error as { name?: string })?.name !== "AbortError") toast("Sharing didn't work here: copy the link instead.", "error");
      });
  return (
    <section class="invite-panel" aria-labelledby="invite-title">
      <h2 id="invite-title" class="chamber-side-title">
        Invite people
      </h2>
      <Show
        when={props.code}
        fallback={<p class="hint">The invite code appears once the server has created the chamber.</p>}
      >
        {(code) => (
          <>
            <CopyField
              id="invite-link"
              label="Invite link"
              value={link()}
              copied={copied() === "Invite link"}
              onCopy={() => copy(link(), "Invite link")}
            />
            <CopyField
              id="invite-code"
              label="Invite code"
              value={code()}
              copied={copied() === "Invite code"}
              onCopy={() => copy(code(), "Invite code")}
            />
            <Show when={canShare}>
              <button type="button" class="btn btn-small btn-primary invite-share" onClick={share}>
                <Glyph name="link" size={16} /> Share invite…
              </button>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
