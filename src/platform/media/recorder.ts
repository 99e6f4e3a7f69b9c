// Voice recording over getUserMedia + MediaRecorder (audio/webm;codecs=opus where supported), at most 120 s.
import fixWebmDuration from "fix-webm-duration";
import { mediaDuration } from "../../../convex/lib/mediaDuration";

/** The server's limit for a voice whisper. */
export const MAX_RECORDING_SECONDS = 120;
const PREFERRED_TYPE = "audio/webm;codecs=opus";

export type Recording = { blob: Blob; duration: number };

/** MediaRecorder's WebM has no Duration, so players can't seek: it is read from the blocks (as the server does) and written in. */
export async function withDuration(blob: Blob, recordedSeconds: number): Promise<Recording> {
  if (blob.type !== "audio/webm") return { blob, duration: recordedSeconds };
  const duration = mediaDuration(new Uint8Array(await blob.arrayBuffer()), "audio/webm") ?? recordedSeconds;
  const fixed = await fixWebmDuration(blob, duration * 1000, { logger: false });
  return { blob: new Blob([fixed], { type: "audio/webm" }), duration };
}

export type Recorder = {
  stop(): Promise<Recording>;
  cancel(): void;
  elapsed(): number;
};

export function microphoneError(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === "NotAllowedError" || name === "SecurityError") return "Whispers may not use the microphone. Allow it in the browser's site settings.";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "No microphone was found.";
  if (typeof MediaRecorder === "undefined") return "This browser cannot record audio.";
  return error instanceof Error ? error.message : "The microphone could not be started.";
}

/** `onLimit`: the 120 s limit stopped it (then call stop() for the clip). Throws (microphoneError) when not allowed. */
export async function startRecording(onLimit?: () => void): Promise<Recorder> {
  if (typeof MediaRecorder === "undefined" || !navigator.mediaDevices?.getUserMedia) {
    throw new Error("This browser cannot record audio.");
  }
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
  const mimeType = MediaRecorder.isTypeSupported(PREFERRED_TYPE) ? PREFERRED_TYPE : undefined;
  const recorder = new MediaRecorder(stream, mimeType ? { mimeType, audioBitsPerSecond: 32_000 } : undefined);
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  };
  const started = performance.now();
  let stoppedAt: number | null = null;
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  const release = () => stream.getTracks().forEach((track) => track.stop());
  const halt = () => {
    if (recorder.state !== "inactive") recorder.stop();
    stoppedAt ??= performance.now();
  };
  const limit = setTimeout(() => {
    halt();
    onLimit?.();
  }, MAX_RECORDING_SECONDS * 1000);
  recorder.start(250);
  const elapsed = () => Math.min(MAX_RECORDING_SECONDS, ((stoppedAt ?? performance.now()) - started) / 1000);
  return {
    elapsed,
    async stop() {
      clearTimeout(limit);
      halt();
      await stopped;
      release();
      const type = recorder.mimeType || chunks[0]?.type || "audio/webm";
      return await withDuration(new Blob(chunks, { type: type.split(";")[0] === "audio/webm" ? "audio/webm" : type }), elapsed());
    },
    cancel() {
      clearTimeout(limit);
      halt();
      release();
    },
  };
}
