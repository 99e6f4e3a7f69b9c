// A text field's length limit as the server counts it: a counter near it, and past it the reason nothing can be sent.
import { Show } from "solid-js";

/** The trimmed text in UTF-16 code units, as convex/lib/errors.ts checkText counts. */
export function textLength(value: string): number {
  return value.trim().length;
}

export function overLimit(value: string, max: number): boolean {
  return textLength(value) > max;
}

/** The counter shows from 90 % of the limit (1,800 of 2,000). */
export function counterShownFrom(max: number): number {
  return Math.floor(max * 0.9);
}

const count = new Intl.NumberFormat("en-US");

/** Describes the field's Send (Save) button. */
export function overLimitText(max: number, action: "send" | "save" = "send"): string {
  return `Too long to ${action}: the limit is ${count.format(max)} characters. Shorten it first.`;
}

/** No maxLength on the field, so a long paste stays whole to shorten; `id` names the reason line for aria-describedby. */
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
