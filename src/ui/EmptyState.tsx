// A friendly empty state: what is missing and what to do about it.
import type { JSX } from "solid-js";
import { Icon, type IconName } from "./Icon";

export function EmptyState(props: { icon: IconName; title: string; children?: JSX.Element }) {
  return (
    <div class="empty">
      <Icon name={props.icon} size={40} />
      <p class="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}
