// A text field's length limit, counted as the server counts it: a counter near the limit, and past it the reason nothing can be sent.
import { Show } from "solid-js";

/** The length the server checks: the trimmed text in UTF-16 code units (convex/lib/errors.ts checkText). */
export function textLength(value: string): number {
  return value.trim().length;
}

/** True when `value` is longer than `max` as the server counts it. */
export function overLimit(value: string, max: number): boolean {
  return textLength(value) > max;
}

/** The counter shows from 90 % of the limit (1,800 of 2,000). */
export function counterShownFrom(max: number): number {
  return Math.floor(max * 0.9);
}

const count = new Intl.NumberFormat("en-US");

/** Why a text over its limit can't be sent (or saved): what the field's Send (Save) button is described by. */
export function overLimitText(max: number, action: "send" | "save" = "send"): string {
  return `Too long to ${action}: the limit is ${count.format(max)} characters. Shorten it first.`;
}

/**
 * "1,950 / 2,000" once the text nears `max`; past it the counter turns red and a status line
 * says why it can't be sent (announced once when it appears). Nothing is ever cut: the field has
 * no maxLength, so a long paste stays whole for the person to shorten. `id` names the reason line,
 * for the field's and the button's aria-describedby; `action` is what the button does ("send" by default).
 */
export function LengthLimit(props: { id: string; value: string; max: number; action?: "send" | "save"; class?: string }) {
  const length = () => textLength(props.value);
  const over = () => length() > props.max;
  return (
    <div class={`length-limit ${props.class ?? ""}`} classList={{ "length-over": over() }}>
      <span id={props.id} role="status" class="length-problem">
        {over() ? overLimitText(props.max, props.action) : ""}
      </span>
      <Show when={length() >= counterShownFrom(props.max)}>
        <span class="length-count">
          {count.format(length())} / {count.format(props.max)}
          <span class="visually-hidden"> characters</span>
        </span>
      </Show>
    </div>
  );
}
