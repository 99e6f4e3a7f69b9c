// A voice clip's player: Play/Pause, a seek bar, the position and length; one clip plays at a time.
import { createSignal, onCleanup, Show, type JSX } from "solid-js";
import { formatDuration } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { toast } from "../../ui/Toasts";

export type VoicePlayerProps = {
  src: string;
  /** The clip's length in seconds as recorded (the file's own, once loaded, wins when it knows one). */
  duration: number;
  /** E.g. "Voice whisper from Bob, 0:04". */
  label: string;
  class?: string;
  /** Shown after the position (e.g. a "Masked voice" tag). */
  children?: JSX.Element;
};

/** Arrow keys move a second (the bar itself is continuous: its native step would be a hundredth of the clip). */
const SEEK_KEYS: Record<string, number> = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 };

export function VoicePlayer(props: VoicePlayerProps) {
  const [playing, setPlaying] = createSignal(false);
  const [position, setPosition] = createSignal(0);
  const [loaded, setLoaded] = createSignal<number>();
  let audio!: HTMLAudioElement;
  let frame = 0;

  const length = () => loaded() ?? props.duration;
  const progress = () => (length() > 0 ? Math.min(100, (position() / length()) * 100) : 0);
  const started = () => playing() || position() > 0;

  /** While playing, the bar follows every frame (timeupdate alone moves it in visible steps). */
  const follow = () => {
    setPosition(audio.currentTime);
    frame = requestAnimationFrame(follow);
  };
  const stopFollowing = () => cancelAnimationFrame(frame);
  onCleanup(stopFollowing);

  const seekTo = (seconds: number) => {
    const to = Math.max(0, Math.min(length(), seconds));
    setPosition(to);
    audio.currentTime = to;
  };
  const toggle = () => {
    if (!audio.paused) return audio.pause();
    // One voice at a time, as in a call: starting this one pauses any other.
    for (const other of document.querySelectorAll("audio")) if (other !== audio) other.pause();
    audio.play().catch(() => toast("This voice whisper could not be played.", "error"));
  };

  return (
    <div class={`voice-player ${props.class ?? ""}`} role="group" aria-label={props.label}>
      <audio
        ref={audio}
        preload="metadata"
        src={props.src}
        onLoadedMetadata={() => setLoaded(Number.isFinite(audio.duration) && audio.duration > 0 ? audio.duration : undefined)}
        onPlay={() => {
          setPlaying(true);
          follow();
        }}
        onPause={() => {
          setPlaying(false);
          stopFollowing();
          setPosition(audio.currentTime);
        }}
        onEnded={() => {
          audio.currentTime = 0;
          setPosition(0);
        }}
        onSeeked={() => setPosition(audio.currentTime)}
      />
      <button type="button" class="voice-play" aria-label={playing() ? "Pause" : "Play"} title={playing() ? "Pause" : "Play"} onClick={toggle}>
        <Icon name={playing() ? "pause" : "play"} size={20} />
      </button>
      <input
        type="range"
        class="voice-seek"
        aria-label="Seek"
        min="0"
        max={length()}
        step="any"
        value={position()}
        aria-valuetext={`${formatDuration(Math.floor(position()))} of ${formatDuration(length())}`}
        style={{ "--progress": `${progress()}%` }}
        onInput={(e) => seekTo(Number(e.currentTarget.value))}
        onKeyDown={(e) => {
          const by = SEEK_KEYS[e.key];
          if (by === undefined) return;
          e.preventDefault();
          seekTo(position() + by);
        }}
      />
      <span class="voice-meta">
        <Show when={started()}>
          <span class="voice-position">{formatDuration(Math.floor(position()))} / </span>
        </Show>
        <span class="voice-duration">{formatDuration(length())}</span>
        {props.children}
      </span>
    </div>
  );
}
