// Someone else's listing (from search or suggestions) with the way to propose a match on it.
import { Show, type JSX } from "solid-js";
import { Avatar } from "../../ui/Avatar";
import { levelLabel, type SkillListing } from "./skills";

export function ListingCard(props: { listing: SkillListing; note?: string; children?: JSX.Element }) {
  const owner = () => props.listing.owner;
  return (
    <li class="listing-card">
      <Avatar id={owner()?._id} name={owner()?.displayName ?? "?"} size={36} />
      <div class="skill-row-body">
        <p class="skill-name">
          <bdi>{props.listing.skillName}</bdi>
          <span class={`badge ${props.listing.type === "offering" ? "badge-success" : "badge-warning"}`}>
            {props.listing.type === "offering" ? "Teaches" : "Wants to learn"}
          </span>
          <span class="badge">{levelLabel(props.listing.proficiencyLevel)}</span>
        </p>
        <p class="skill-owner">
          <bdi>{owner()?.displayName ?? "Someone"}</bdi> <span class="hint">@{owner()?.username}</span>
        </p>
        <Show when={props.listing.description}>
          <p class="skill-description" dir="auto">{props.listing.description}</p>
        </Show>
        <Show when={props.note}>
          <p class="hint">{props.note}</p>
        </Show>
      </div>
      <div class="skill-match-actions">{props.children}</div>
    </li>
  );
}
