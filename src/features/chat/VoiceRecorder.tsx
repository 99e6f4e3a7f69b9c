// Records from the microphone, masks the voice on the device if asked, then previews the clip to send, redo or discard.
import { createSignal, onCleanup, Show } from "solid-js";
import type { Recorder } from "../../platform/media/recorder";
import { formatDuration } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { toast } from "../../ui/Toasts";
import { VoicePlayer } from "./VoicePlayer";

export type VoiceClip = { blob: Blob; duration: number; masked: boolean };

/** `onClip` false (reason already shown) keeps the preview; `offer` false hides "Record voice" while idle (Send is there). */
export function VoiceRecorder(props: { masked: boolean; disabled?: boolean; offer: boolean; onClip: (clip: VoiceClip) => Promise<boolean> }) {
  const [phase, setPhase] = createSignal<"idle" | "recording" | "processing" | "preview" | "sending">("idle");
  const [elapsed, setElapsed] = createSignal(0);
  const [preview, setPreview] = createSignal<{ clip: VoiceClip; url: string } | undefined>();
  let recorder: Recorder | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;

  const dropPreview = () => {
    const current = preview();
    if (current) URL.revokeObjectURL(current.url);
    setPreview(undefined);
  };
  const reset = () => {
    clearInterval(ticker);
    recorder = undefined;
    dropPreview();
    setPhase("idle");
    setElapsed(0);
  };
  onCleanup(() => {
    recorder?.cancel();
    clearInterval(ticker);
    dropPreview();
  });

  const start = async () => {
    dropPreview();
    const media = await import("../../platform/media/recorder");
    try {
      recorder = await media.startRecording(() => void stop());
    } catch (error) {
      toast(media.microphoneError(error), "error");
      return reset();
    }
    setPhase("recording");
    ticker = setInterval(() => setElapsed(recorder?.elapsed() ?? 0), 250);
  };

  const stop = async () => {
    const active = recorder;
    if (!active || phase() !== "recording") return;
    clearInterval(ticker);
    setPhase("processing");
    recorder = undefined;
    const recording = await active.stop();
    if (recording.duration < 0.5 || recording.blob.size === 0) {
      toast("That recording was too short.", "error");
      return reset();
    }
    let clip: VoiceClip = { blob: recording.blob, duration: recording.duration, masked: false };
    if (props.masked) {
      const { maskVoice } = await import("../../platform/media/voiceMask");
      const masked = await maskVoice(recording.blob).catch(() => null);
      if (!masked) {
        toast("Your voice could not be masked. Nothing was kept; record again.", "error");
        return reset();
      }
      clip = { blob: masked.blob, duration: masked.duration, masked: true };
    }
    // Heard before it goes: the preview plays what will be sent (masked already, if asked).
    setPreview({ clip, url: URL.createObjectURL(clip.blob) });
    setPhase("preview");
  };

  const send = async () => {
    const current = preview();
    if (!current || phase() !== "preview") return;
    setPhase("sending");
    // Not sent: the preview stays, to try again (nothing recorded is lost).
    if (await props.onClip(current.clip)) reset();
    else setPhase("preview");
  };

  const cancel = () => {
    recorder?.cancel();
    reset();
  };

  return (
    <>
      <Show when={preview()}>
        {(current) => (
          <div class="voice-preview" role="group" aria-label="Voice whisper to send">
            <button type="button" class="icon-btn composer-icon" aria-label="Discard recording" title="Discard" disabled={phase() === "sending"} onClick={reset}>
              <Icon name="trash" />
            </button>
            <VoicePlayer
              class="voice-preview-player"
              src={current().url}
              duration={current().clip.duration}
              label={`Your recording, ${formatDuration(current().clip.duration)}${current().clip.masked ? ", masked" : ""}`}
            >
              <Show when={current().clip.masked}>
                <span class="tag">Masked</span>
              </Show>
            </VoicePlayer>
            <button type="button" class="icon-btn composer-icon" aria-label="Record again" title="Record again" disabled={props.disabled || phase() === "sending"} onClick={() => void start()}>
              <Icon name="mic" />
            </button>
            <button type="button" class="send-btn" aria-label="Send voice whisper" title="Send voice whisper" disabled={props.disabled || phase() === "sending"} onClick={() => void send()}>
              <Icon name="send" />
            </button>
          </div>
        )}
      </Show>
      <Show when={phase() === "recording" || phase() === "processing"}>
        <span class="recording" role="status">
          <span class="rec-dot" aria-hidden="true" />
          {phase() === "processing" ? (props.masked ? "Masking your voice…" : "Preparing…") : `Recording ${formatDuration(elapsed())}`}
        </span>
        <Show when={phase() === "recording"}>
          <button type="button" class="icon-btn recording-cancel" aria-label="Cancel recording" title="Cancel recording" onClick={cancel}>
            <Icon name="close" />
          </button>
        </Show>
      </Show>
      <Show when={!preview() && (props.offer || phase() !== "idle")}>
        <button
          type="button"
          class="icon-btn composer-icon voice-record"
          classList={{ "is-recording": phase() === "recording" }}
          aria-label={phase() === "recording" ? "Stop recording" : "Record voice"}
          title={phase() === "recording" ? "Stop recording" : "Record voice"}
          disabled={props.disabled || phase() === "processing"}
          onClick={() => void (phase() === "recording" ? stop() : start())}
        >
          <Icon name={phase() === "recording" ? "stop" : "mic"} />
        </button>
      </Show>
    </>
  );
}
