// A menu button: a list of actions in a popup (arrow keys, Escape, click outside), one accessible name per item.
import { createSignal, createUniqueId, Index, onCleanup, Show } from "solid-js";
import { Icon, type IconName } from "./Icon";

export type MenuItem = { label: string; onSelect: () => void; icon?: IconName; danger?: boolean };

export function Menu(props: { label: string; items: MenuItem[]; icon?: IconName; class?: string; align?: "left" | "right" }) {
  const [open, setOpen] = createSignal(false);
  const id = createUniqueId();
  let wrapper: HTMLDivElement | undefined;
  let trigger: HTMLButtonElement | undefined;
  let list: HTMLDivElement | undefined;

  const entries = () => Array.from(list?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
  const focusAt = (index: number) => {
    const all = entries();
    all[(index + all.length) % all.length]?.focus();
  };
  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) trigger?.focus();
  };
  const onDocPointer = (event: PointerEvent) => {
    if (open() && wrapper && !wrapper.contains(event.target as Node)) close(false);
  };
  document.addEventListener("pointerdown", onDocPointer);
  onCleanup(() => document.removeEventListener("pointerdown", onDocPointer));

  const toggle = () => {
    setOpen(!open());
    if (open()) queueMicrotask(() => focusAt(0));
  };
  const onKey = (event: KeyboardEvent) => {
    const all = entries();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      focusAt(index + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      focusAt(index - 1);
    } else if (event.key === "Home") {
      event.preventDefault();
      focusAt(0);
    } else if (event.key === "End") {
      event.preventDefault();
      focusAt(-1);
    } else if (event.key === "Tab") close(false);
  };

  return (
    <div class={`menu ${props.class ?? ""}`} ref={wrapper}>
      <button
        ref={trigger}
        type="button"
        class="icon-btn"
        aria-label={props.label}
        title={props.label}
        aria-haspopup="menu"
        aria-expanded={open()}
        aria-controls={id}
        onClick={toggle}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open()) {
            e.preventDefault();
            toggle();
          }
        }}
      >
        <Icon name={props.icon ?? "more"} />
      </button>
      <Show when={open()}>
        <div ref={list} id={id} role="menu" aria-label={props.label} class={`menu-list menu-${props.align ?? "right"}`} onKeyDown={onKey}>
          {/* By position: a new items list updates the buttons in place, so the focused one keeps its focus. */}
          <Index each={props.items}>
            {(item) => (
              <button
                type="button"
                role="menuitem"
                tabindex="-1"
                class="menu-item"
                classList={{ "menu-danger": item().danger }}
                onClick={() => {
                  close();
                  item().onSelect();
                }}
              >
                <Show when={item().icon}>{(name) => <Icon name={name()} size={18} />}</Show>
                {item().label}
              </button>
            )}
          </Index>
        </div>
      </Show>
    </div>
  );
}
