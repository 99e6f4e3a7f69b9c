// Image and voice whispers: a thumbnail that opens the full-screen viewer, and a seekable player with its duration.
import { Show } from "solid-js";
import type { LocalWhisper } from "../../db/types";
import { formatDuration } from "../../ui/format";
import { counterpartName } from "../inbox/names";
import { useConversation } from "./context";
import { openImageViewer } from "./ImageViewer";
import { createMediaUrl } from "./mediaUrl";
import { VoicePlayer } from "./VoicePlayer";

export function ImageWhisper(props: { whisper: LocalWhisper; senderLabel: string }) {
  const ctx = useConversation();
  const url = createMediaUrl(() => props.whisper, "image");
  const open = (opener: HTMLElement) =>
    openImageViewer({
      conversationId: props.whisper.conversationId,
      whisper: props.whisper,
      senderOf: (w) => (w.fromViewer ? "you" : counterpartName(ctx.conversation())),
      opener,
    });
  return (
    <Show when={url()} fallback={<div class="thumb thumb-missing">Image</div>}>
      {(src) => (
        <button type="button" class="thumb" aria-label="Open image full size" onClick={(event) => open(event.currentTarget)}>
          <img src={src()} alt={`Image from ${props.senderLabel}`} loading="lazy" decoding="async" />
        </button>
      )}
    </Show>
  );
}

export function VoiceWhisper(props: { whisper: LocalWhisper; senderLabel: string }) {
  const url = createMediaUrl(() => props.whisper, "voice");
  const duration = () => props.whisper.audioDuration ?? 0;
  return (
    <div class="voice">
      <Show when={url()} fallback={<p class="hint">Voice whisper unavailable</p>}>
        {(src) => (
          <VoicePlayer src={src()} duration={duration()} label={`Voice whisper from ${props.senderLabel}, ${formatDuration(duration())}`}>
            <Show when={props.whisper.isVoiceModulated}>
              <span class="tag">Masked voice</span>
            </Show>
          </VoicePlayer>
        )}
      </Show>
    </div>
  );
}
