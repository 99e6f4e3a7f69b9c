// The composer: text, image, voice, schedule, mystery and reply, with Send taking Record voice's place once there is something.
import { createEffect, createSignal, createUniqueId, on, Show } from "solid-js";
import { MAX_CONTENT } from "../../../convex/lib/textLimits";
import { whisperPreview } from "../../db/shapes";
import type { LocalWhisper } from "../../db/types";
import type { FeatureName } from "../../app/data/flags";
import { errorText } from "../../ui/format";
import { reserveBottom } from "../../ui/bottomReserve";
import { Icon } from "../../ui/Icon";
import { LengthLimit, overLimit } from "../../ui/LengthLimit";
import { toast } from "../../ui/Toasts";
import type { Draft, MysteryOption } from "./drafts";
import { ImagePickerButton, ImagePreview } from "./ImageAttach";
import { ScheduleDialog } from "./ScheduleDialog";
import { VoiceRecorder, type VoiceClip } from "./VoiceRecorder";

export type ComposerProps = {
  enabled: (name: FeatureName) => boolean;
  mystery: MysteryOption;
  replyTo?: LocalWhisper;
  onCancelReply: () => void;
  onSend: (draft: Draft) => Promise<void>;
  /** Restores the draft text when switching conversations. */
  conversationKey?: string;
};

/** A send still saving after this long (ms) shows as busy (the Send button disabled). */
const BUSY_AFTER_MS = 150;

export function Composer(props: ComposerProps) {
  const id = createUniqueId();
  const [text, setText] = createSignal("");
  const [image, setImage] = createSignal<Blob>();
  const [preparing, setPreparing] = createSignal(false);
  const [mystery, setMystery] = createSignal(false);
  const [masked, setMasked] = createSignal(true);
  const [scheduling, setScheduling] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  let box: HTMLTextAreaElement | undefined;

  createEffect(on(() => props.mystery, (option) => setMystery(option === "continue")));
  createEffect(
    on(
      () => props.conversationKey,
      () => {
        setText("");
        setImage(undefined);
      },
      { defer: true },
    ),
  );
  createEffect(on(() => props.replyTo, (reply) => reply && box?.focus(), { defer: true }));

  const content = () => text().trim();
  const tooLong = () => overLimit(text(), MAX_CONTENT);
  /** Something is written or picked (sendable or not): Send and Schedule take the place of Record voice. */
  const hasDraft = () => content().length > 0 || image() !== undefined;
  const canSend = () => hasDraft() && !tooLong() && !busy() && !preparing();
  const voice = () => props.enabled("VOICE_WHISPERS") && !props.replyTo;
  const isMystery = () => props.mystery !== "none" && mystery();

  const grow = () => {
    if (!box) return;
    // Emptied (just sent): back to one row without measuring (a measure lays the page out).
    if (box.value === "") return void (box.style.height = "");
    box.style.height = "auto";
    box.style.height = `${Math.min(box.scrollHeight, 160)}px`;
  };

  /** A send is being saved (a plain flag: a second press meanwhile is ignored without re-rendering anything). */
  let sending = false;
  const send = async (draft: Draft) => {
    if (sending) return false;
    sending = true;
    // The busy state shows only past a glance, so a normal send (a few ms) draws no in-between frame.
    let saving: Promise<void>;
    try {
      saving = props.onSend(draft);
    } catch (error) {
      saving = Promise.reject(error);
    }
    const showBusy = setTimeout(() => setBusy(true), BUSY_AFTER_MS);
    try {
      await saving;
      if (draft.kind !== "voice") {
        // Clear only what was sent: a picture picked (or text typed) meanwhile stays for the next whisper.
        if (text().trim() === draft.content) setText("");
        if (image() === draft.image) setImage(undefined);
        queueMicrotask(grow);
      }
      return true;
    } catch (error) {
      toast(errorText(error), "error");
      return false;
    } finally {
      clearTimeout(showBusy);
      sending = false;
      setBusy(false);
      box?.focus();
    }
  };

  const sendNow = () => {
    if (canSend()) void send({ kind: "text", content: content(), image: image(), mystery: isMystery() });
  };
  const schedule = async (at: number) => {
    if (await send({ kind: "schedule", content: content(), image: image(), scheduledFor: at, mystery: isMystery() })) {
      setScheduling(false);
      // The Schedule button went with the text it scheduled: the box takes the focus back from the dialog.
      box?.focus();
      toast("Whisper scheduled. Find it under Scheduled.");
    }
  };
  const sendVoice = async (clip: VoiceClip) => {
    return await send({ kind: "voice", audio: clip.blob, duration: clip.duration, masked: clip.masked, mystery: isMystery() });
  };

  return (
    <>
    <form
      ref={reserveBottom}
      class="composer"
      aria-label="Write a whisper"
      onSubmit={(e) => {
        e.preventDefault();
        sendNow();
      }}
    >
      <Show when={props.replyTo}>
        {(reply) => (
          <div class="reply-banner">
            <Icon name="reply" size={16} />
            <p>
              Replying to <q dir="auto">{whisperPreview(reply())}</q>
            </p>
            <button type="button" class="icon-btn" aria-label="Cancel reply" title="Cancel reply" onClick={() => props.onCancelReply()}>
              <Icon name="close" />
            </button>
          </div>
        )}
      </Show>
      <Show when={image()} keyed>
        {(picked) => <ImagePreview image={picked} onRemove={() => setImage(undefined)} />}
      </Show>
      <Show when={preparing()}>
        <p class="hint" role="status">
          Compressing the image…
        </p>
      </Show>
      <div class="composer-options">
        <Show when={props.mystery !== "none"}>
          <label class="check">
            <input type="checkbox" checked={mystery()} onChange={(e) => setMystery(e.currentTarget.checked)} />
            <Icon name="mask" size={16} />
            Mystery whisper
          </label>
        </Show>
        <Show when={voice()}>
          <label class="check switch">
            <input type="checkbox" role="switch" checked={masked()} onChange={(e) => setMasked(e.currentTarget.checked)} />
            <span class="switch-track" aria-hidden="true" />
            Mask my voice
          </label>
        </Show>
      </div>
      <LengthLimit id={`${id}-length`} value={text()} max={MAX_CONTENT} />
      <div class="composer-row">
        <Show when={props.enabled("IMAGE_WHISPERS")}>
          <ImagePickerButton id={`${id}-image`} disabled={preparing()} onPicked={setImage} onBusy={setPreparing} />
        </Show>
        <label for={`${id}-text`} class="visually-hidden">
          Message
        </label>
        <textarea
          ref={box}
          id={`${id}-text`}
          class="composer-input"
          rows="1"
          dir="auto"
          aria-describedby={`${id}-length`}
          aria-invalid={tooLong() ? "true" : undefined}
          placeholder={props.replyTo ? "Reply…" : isMystery() ? "As Someone…" : "Whisper…"}
          value={text()}
          onInput={(e) => {
            setText(e.currentTarget.value);
            grow();
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              sendNow();
            }
          }}
        />
        <Show when={props.enabled("SCHEDULED_WHISPERS") && !props.replyTo && hasDraft()}>
          <button type="button" class="icon-btn composer-icon" aria-label="Schedule" title="Schedule for later" disabled={!canSend()} onClick={() => setScheduling(true)}>
            <Icon name="calendar" />
          </button>
        </Show>
        <Show when={voice()}>
          <VoiceRecorder masked={masked()} disabled={busy()} offer={!hasDraft()} onClip={sendVoice} />
        </Show>
        <Show when={!voice() || hasDraft()}>
          <button type="submit" class="send-btn" aria-label="Send" title={tooLong() ? "Too long to send" : "Send"} aria-describedby={`${id}-length`} disabled={!canSend()}>
            <Icon name="send" />
          </button>
        </Show>
      </div>
    </form>
    <ScheduleDialog open={scheduling()} onClose={() => setScheduling(false)} onSchedule={(at) => void schedule(at)} />
    </>
  );
}
