// Share a chamber: its invite code and link, each with a Copy button (and the system share sheet where there is one).
import { createSignal, Show } from "solid-js";
import { Glyph } from "../../ui/Glyph";
import { toast } from "../../ui/Toasts";
import { inviteLink } from "./invite";

async function copy(text: string, what: string, setCopied: (v: string) => void) {
  try {
    await navigator.clipboard.writeText(text);
    setCopied(what);
    toast(`${what} copied.`);
    setTimeout(() => setCopied(""), 2500);
  } catch {
    toast("Copying isn't allowed here: select the text and copy it yourself.", "error");
  }
}

export function InvitePanel(props: { code: string | undefined; name: string }) {
  const [copied, setCopied] = createSignal("");
  const link = () => (props.code ? inviteLink(location.origin, props.code) : "");
  const canShare = typeof navigator !== "undefined" && typeof navigator.share === "function";
  return (
    <section class="invite-panel" aria-labelledby="invite-title">
      <h2 id="invite-title" class="chamber-side-title">
        Invite people
      </h2>
      <Show
        when={props.code}
        fallback={<p class="hint">The invite code appears once the server has created the chamber.</p>}
      >
        <div class="invite-row">
          <span class="invite-label" id="invite-code-label">
            Code
          </span>
          <code class="invite-value" aria-labelledby="invite-code-label" data-testid="invite-code">
            {props.code}
          </code>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => copy(props.code!, "Invite code", setCopied)}
            aria-label="Copy invite code"
          >
            <Glyph name={copied() === "Invite code" ? "check" : "copy"} size={16} /> Copy
          </button>
        </div>
        <div class="invite-row">
          <span class="invite-label" id="invite-link-label">
            Link
          </span>
          <code class="invite-value invite-link" aria-labelledby="invite-link-label" data-testid="invite-link">
            {link()}
          </code>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => copy(link(), "Invite link", setCopied)}
            aria-label="Copy invite link"
          >
            <Glyph name={copied() === "Invite link" ? "check" : "link"} size={16} /> Copy
          </button>
        </div>
        <Show when={canShare}>
          <button
            type="button"
            class="btn btn-small invite-share"
            onClick={() =>
              navigator
                .share({ title: props.name, text: `Join “${props.name}” on Whispers`, url: link() })
                .catch(() => undefined)
            }
          >
            Share…
          </button>
        </Show>
      </Show>
    </section>
  );
}
