// Where a listing's open match stands on a suggestion or search result ("Matched" links to the conversation).
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import type { LocalDoc } from "../../db/types";
import { openMatchLabel } from "./skills";

export function MatchState(props: { match: LocalDoc; name: string }) {
  const accepted = () => props.match.status === "accepted";
  const conversationId = () => (typeof props.match.conversationId === "string" ? props.match.conversationId : undefined);
  return (
    <>
      <span class={`badge ${accepted() ? "badge-success" : props.match.proposedByYou === false ? "badge-warning" : "badge-brand"}`}>
        {openMatchLabel(props.match)}
      </span>
      <Show when={accepted() && conversationId()}>
        {(id) => (
          <A class="btn btn-small" href={`/c/${id()}`}>
            Open conversation<span class="visually-hidden"> with {props.name}</span>
          </A>
        )}
      </Show>
    </>
  );
}
