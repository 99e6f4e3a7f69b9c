// One whisper: its content, reply context, reactions, time and delivery state, and its actions.
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { whisperPreview } from "../../db/shapes";
import type { LocalWhisper } from "../../db/types";
import { dayKey, formatDateTime, formatTime } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { counterpartName } from "../inbox/names";
import { useConversation } from "./context";
import { canDelete } from "./DeleteWhisper";
import { createCanEdit } from "./EditWhisper";
import { ImageWhisper, VoiceWhisper } from "./MediaViews";
import { ReactionChips, ReactionPicker } from "./Reactions";
import { FailureIfAny, StateBadge } from "./WhisperStatus";
import { whisperState } from "./whisperState";
import { shownAt } from "./whisperTime";

/** `chainRoot`: the root id of the chain this whisper is part of. */
export function WhisperBubble(props: { whisper: LocalWhisper; parent?: LocalWhisper; chainRoot?: string; showChainLink?: boolean }) {
  const ctx = useConversation();
  const w = () => props.whisper;
  const state = () => whisperState(w());
  const sender = () => (w().fromViewer ? "you" : counterpartName(ctx.conversation()));
  const chainRoot = () => props.chainRoot ?? w().chainRootId;
  const hasMedia = () => !!(w().imageUrl || w().audioUrl || w().localBlobKey || w().audioDuration);
  const editable = createCanEdit(w);
  return (
    <article
      class="whisper"
      classList={{ "whisper-mine": w().fromViewer, "whisper-failed": state() === "failed", "whisper-pending": state() === "pending" }}
      aria-label={`Whisper from ${sender()}`}
    >
      <div class="bubble">
        <Show when={w().parentId}>
          <p class="reply-context">
            <Icon name="reply" size={14} />
            <span dir="auto">{props.parent ? whisperPreview(props.parent) || "A whisper" : "Reply in a chain"}</span>
          </p>
        </Show>
        <Show when={w().imageUrl || w().localBlobKind === "image"}>
          <ImageWhisper whisper={w()} senderLabel={sender()} />
        </Show>
        <Show when={w().audioUrl || w().localBlobKind === "voice" || w().audioDuration}>
          <VoiceWhisper whisper={w()} senderLabel={sender()} />
        </Show>
        <Show when={w().content}>
          <p class="whisper-text" dir="auto" classList={{ "with-media": hasMedia() }}>
            {w().content}
          </p>
        </Show>
        <p class="whisper-meta">
          <Show when={w().isMystery && w().fromViewer}>
            <span class="tag tag-mystery">
              <Icon name="mask" size={12} />
              Mystery
            </span>
          </Show>
          <time dateTime={new Date(shownAt(w())).toISOString()}>{shownTimeLabel(w())}</time>
          <Show when={w().editedAt}>
            {(at) => (
              <span class="whisper-edited" title={`Edited ${formatDateTime(at())}`}>
                edited
              </span>
            )}
          </Show>
          <Show when={state() && state() !== "failed" ? state() : null}>{(s) => <StateBadge state={s()} />}</Show>
        </p>
      </div>
      <ReactionChips whisper={w()} nameOf={ctx.nameOf} viewerId={ctx.viewerId()} />
      <FailureIfAny whisper={w()} />
      <div class="whisper-actions">
        <ReactionPicker whisper={w()} viewerId={ctx.viewerId()} />
        <Show when={ctx.enabled("WHISPER_CHAINS")}>
          <button type="button" class="icon-btn icon-btn-small" aria-label="Reply in a chain" title="Reply in a chain" onClick={() => ctx.reply(w())}>
            <Icon name="reply" size={18} />
          </button>
          <Show when={props.showChainLink !== false && chainRoot()}>
            {(root) => (
              <A class="chain-link" href={`/c/${w().conversationId}/chain/${root()}`}>
                View chain
              </A>
            )}
          </Show>
        </Show>
        <Show when={editable()}>
          <button type="button" class="icon-btn icon-btn-small" aria-label="Edit this whisper" title="Edit" onClick={() => ctx.edit(w())}>
            <Icon name="edit" size={18} />
          </button>
        </Show>
        <Show when={canDelete(w())}>
          <button type="button" class="icon-btn icon-btn-small" aria-label="Delete this whisper" title="Delete" onClick={() => ctx.remove(w())}>
            <Icon name="trash" size={18} />
          </button>
        </Show>
      </div>
    </article>
  );
}

/** "2:49 PM"; with the date when it was written on another day than the one it is listed under. */
function shownTimeLabel(w: LocalWhisper): string {
  const at = shownAt(w);
  return dayKey(at) === dayKey(w.sortKey) ? formatTime(at) : formatDateTime(at);
}
