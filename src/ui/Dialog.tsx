// A modal dialog on the native <dialog> element: focus trap, Escape and backdrop handled by the browser.
import { createEffect, type JSX } from "solid-js";

export function Dialog(props: { open: boolean; title: string; onClose: () => void; children: JSX.Element }) {
  let ref: HTMLDialogElement | undefined;
  createEffect(() => {
    if (!ref) return;
    if (props.open && !ref.open) ref.showModal?.();
    if (!props.open && ref.open) ref.close();
  });
  const titleId = `dialog-${Math.random().toString(36).slice(2)}`;
  return (
    <dialog ref={ref} class="dialog" aria-labelledby={titleId} onClose={() => props.onClose()}>
      <h2 id={titleId} class="dialog-title">
        {props.title}
      </h2>
      {props.children}
    </dialog>
  );
}
