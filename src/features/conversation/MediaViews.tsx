// Image and voice whispers: a thumbnail that opens full size, and a seekable player with its duration.
import { createSignal, Show } from "solid-js";
import type { LocalWhisper } from "../../db/types";
import { createBlobUrl } from "../../ui/blobUrl";
import { Dialog } from "../../ui/Dialog";
import { formatDuration } from "../../ui/format";

/** The server's URL, or the clip/picture still waiting on this device. */
function createMediaUrl(w: () => LocalWhisper, kind: "image" | "voice") {
  const local = createBlobUrl(() => (w().localBlobKind === kind ? w().localBlobKey : undefined));
  return () => (kind === "image" ? w().imageUrl : w().audioUrl) ?? local();
}

export function ImageWhisper(props: { whisper: LocalWhisper; senderLabel: string }) {
  const url = createMediaUrl(() => props.whisper, "image");
  const [open, setOpen] = createSignal(false);
  const alt = () => `Image from ${props.senderLabel}`;
  return (
    <Show when={url()} fallback={<div class="thumb thumb-missing">Image</div>}>
      {(src) => (
        <>
          <button type="button" class="thumb" aria-label="Open image full size" onClick={() => setOpen(true)}>
            <img src={src()} alt={alt()} loading="lazy" decoding="async" />
          </button>
          <Dialog open={open()} title="Image" onClose={() => setOpen(false)}>
            <img class="full-image" src={src()} alt={alt()} />
            <div class="dialog-actions">
              <button type="button" class="btn" onClick={() => setOpen(false)}>
                Close
              </button>
            </div>
          </Dialog>
        </>
      )}
    </Show>
  );
}

export function VoiceWhisper(props: { whisper: LocalWhisper; senderLabel: string }) {
  const url = createMediaUrl(() => props.whisper, "voice");
  const duration = () => formatDuration(props.whisper.audioDuration ?? 0);
  return (
    <div class="voice">
      <Show when={url()} fallback={<p class="hint">Voice whisper unavailable</p>}>
        {(src) => (
          <audio
            controls
            preload="metadata"
            src={src()}
            aria-label={`Voice whisper from ${props.senderLabel}, ${duration()}`}
          />
        )}
      </Show>
      <span class="voice-meta">
        <span class="voice-duration">{duration()}</span>
        <Show when={props.whisper.isVoiceModulated}>
          <span class="tag">Masked voice</span>
        </Show>
      </span>
    </div>
  );
}
