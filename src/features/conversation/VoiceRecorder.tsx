// "Record voice" / "Stop recording": records from the microphone, masks the voice on the device if asked, hands the clip over.
import { createSignal, onCleanup, Show } from "solid-js";
import type { Recorder } from "../../platform/media/recorder";
import { formatDuration } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { toast } from "../../ui/Toasts";

export type VoiceClip = { blob: Blob; duration: number; masked: boolean };

export function VoiceRecorder(props: { masked: boolean; disabled?: boolean; onClip: (clip: VoiceClip) => Promise<void> }) {
  const [phase, setPhase] = createSignal<"idle" | "recording" | "processing">("idle");
  const [elapsed, setElapsed] = createSignal(0);
  let recorder: Recorder | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;

  const reset = () => {
    clearInterval(ticker);
    recorder = undefined;
    setPhase("idle");
    setElapsed(0);
  };
  onCleanup(() => {
    recorder?.cancel();
    clearInterval(ticker);
  });

  const start = async () => {
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
    try {
      const recording = await active.stop();
      if (recording.duration < 0.5 || recording.blob.size === 0) {
        toast("That recording was too short.", "error");
        return;
      }
      let clip: VoiceClip = { blob: recording.blob, duration: recording.duration, masked: false };
      if (props.masked) {
        const { maskVoice } = await import("../../platform/media/voiceMask");
        const masked = await maskVoice(recording.blob).catch(() => null);
        if (!masked) {
          toast("Your voice could not be masked, so nothing was sent.", "error");
          return;
        }
        clip = { blob: masked.blob, duration: masked.duration, masked: true };
      }
      await props.onClip(clip);
    } finally {
      reset();
    }
  };

  const cancel = () => {
    recorder?.cancel();
    reset();
  };

  return (
    <>
      <Show when={phase() !== "idle"}>
        <span class="recording" role="status">
          <span class="rec-dot" aria-hidden="true" />
          {phase() === "processing" ? (props.masked ? "Masking your voice…" : "Preparing…") : `Recording ${formatDuration(elapsed())}`}
        </span>
        <Show when={phase() === "recording"}>
          <button type="button" class="icon-btn" aria-label="Cancel recording" title="Cancel recording" onClick={cancel}>
            <Icon name="close" />
          </button>
        </Show>
      </Show>
      <button
        type="button"
        class="icon-btn composer-icon"
        classList={{ "is-recording": phase() === "recording" }}
        aria-label={phase() === "recording" ? "Stop recording" : "Record voice"}
        title={phase() === "recording" ? "Stop recording" : "Record voice"}
        disabled={props.disabled || phase() === "processing"}
        onClick={() => void (phase() === "recording" ? stop() : start())}
      >
        <Icon name={phase() === "recording" ? "stop" : "mic"} />
      </button>
    </>
  );
}
