// One chamber in a list: name, topic, public/private, members against the limit, and an action (open or join).
import { Show, type JSX } from "solid-js";
import { Glyph } from "../../ui/Glyph";
import { capacity } from "./invite";

export type ChamberLike = {
  id?: string;
  _id?: string;
  name?: unknown;
  topic?: unknown;
  isPublic?: unknown;
  memberCount?: unknown;
  maxMembers?: unknown;
  yourAlias?: unknown;
  syncState?: string;
};

export function ChamberSummary(props: { chamber: ChamberLike; action: JSX.Element }) {
  const cap = () => capacity(props.chamber.memberCount, props.chamber.maxMembers);
  return (
    <li class="chamber-item">
      <span class="chamber-icon" aria-hidden="true">
        <Glyph name={props.chamber.isPublic === false ? "lock" : "globe"} size={20} />
      </span>
      <div class="chamber-item-body">
        <p class="chamber-item-name">
          <bdi>{String(props.chamber.name ?? "Chamber")}</bdi>
        </p>
        <p class="chamber-item-meta">
          <span class="badge" dir="auto">#{String(props.chamber.topic ?? "")}</span>
          <span>{props.chamber.isPublic === false ? "Private" : "Public"}</span>
          <span classList={{ "chamber-full": cap().full }}>{cap().full ? `Full · ${cap().text}` : cap().text}</span>
          <Show when={props.chamber.syncState === "pending"}>
            <span class="badge badge-warning">Not synced yet</span>
          </Show>
        </p>
      </div>
      <div class="chamber-item-action">{props.action}</div>
    </li>
  );
}
