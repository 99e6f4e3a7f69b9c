// "Schedule": pick a date and a time; the whisper waits on the server and is delivered then.
import { createEffect, createSignal } from "solid-js";
import { Dialog } from "../../ui/Dialog";

const pad = (n: number) => String(n).padStart(2, "0");
const dateValue = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const timeValue = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** An hour from now, on the next 5 minutes. */
export function defaultScheduleTime(now = Date.now()): Date {
  const d = new Date(now + 60 * 60 * 1000);
  d.setMinutes(Math.ceil(d.getMinutes() / 5) * 5, 0, 0);
  return d;
}

export function parseSchedule(date: string, time: string, now = Date.now()): { at: number } | { error: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match || !clock) return { error: "Choose a date and a time." };
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(clock[1]), Number(clock[2])).getTime();
  if (at - now < 60_000) return { error: "Pick a time at least a minute from now." };
  if (at - now > 365 * 24 * 60 * 60 * 1000) return { error: "Whispers can be scheduled up to a year ahead." };
  return { at };
}

export function ScheduleDialog(props: { open: boolean; onClose: () => void; onSchedule: (at: number) => void }) {
  const [date, setDate] = createSignal("");
  const [time, setTime] = createSignal("");
  const [error, setError] = createSignal("");
  createEffect(() => {
    if (!props.open) return;
    const d = defaultScheduleTime();
    setDate(dateValue(d));
    setTime(timeValue(d));
    setError("");
  });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const result = parseSchedule(date(), time());
    if ("error" in result) return setError(result.error);
    props.onSchedule(result.at);
  };
  return (
    <Dialog open={props.open} title="Schedule a whisper" onClose={props.onClose}>
      <form onSubmit={submit}>
        <p class="hint">It's delivered at that moment, even if you're offline then.</p>
        <div class="field-row">
          <div class="field">
            <label for="schedule-date">Date</label>
            <input id="schedule-date" type="date" min={dateValue(new Date())} value={date()} onInput={(e) => setDate(e.currentTarget.value)} required />
          </div>
          <div class="field">
            <label for="schedule-time">Time</label>
            <input id="schedule-time" type="time" value={time()} onInput={(e) => setTime(e.currentTarget.value)} required />
          </div>
        </div>
        <p class="error-text" role="alert">
          {error()}
        </p>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary">
            Schedule whisper
          </button>
        </div>
      </form>
    </Dialog>
  );
}
