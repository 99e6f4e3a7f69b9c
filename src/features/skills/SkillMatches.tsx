// The viewer's skill matches: answer proposals, open the conversation of an accepted match, mark it completed.
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { skillMatches } from "../../db/queries";
import type { LocalDoc } from "../../db/types";
import * as actions from "../../actions";
import { Avatar } from "../../ui/Avatar";
import { createLive } from "../../app/data/liveQuery";
import { RowSyncNote } from "../../app/data/RowSyncNote";
import { toast } from "../../ui/Toasts";
import { proposalLabel } from "./proposals";
import { matchActions, matchHeadline, matchStatusText, uniqueMatches } from "./skills";

const ORDER: Record<string, number> = { pending: 0, accepted: 1, completed: 2, declined: 3 };
const LABELS: Record<string, string> = { accept: "Accept", decline: "Decline", complete: "Mark completed" };
const STATUS_BADGE: Record<string, string> = {
  pending: "badge-warning",
  accepted: "badge-success",
  completed: "badge-brand",
  declined: "badge-danger",
};

async function run(what: string, action: () => Promise<unknown>) {
  try {
    await action();
  } catch (error) {
    toast(error instanceof Error ? error.message : `Could not ${what}.`, "error");
  }
}

function MatchRow(props: { m: LocalDoc }) {
  const m = () => props.m;
  const headline = () => matchHeadline(m(), proposalLabel(m().offeringSkillId));
  const skillName = () => String(m().skillName ?? proposalLabel(m().offeringSkillId)?.skillName ?? "Skill");
  const counterpart = () => m().counterpart as { _id?: string; displayName?: string } | undefined;
  const act = (action: string) => {
    const id = m().id;
    const call =
      action === "accept" ? actions.acceptMatch : action === "decline" ? actions.declineMatch : actions.completeMatch;
    void run(`${action} the match`, () => call(id));
  };
  return (
    <li class="skill-match" data-status={String(m().status)}>
      <Avatar id={counterpart()?._id} name={counterpart()?.displayName ?? "?"} size={36} />
      <div class="skill-match-body">
        <p class="skill-name">
          <bdi>{skillName()}</bdi>
        </p>
        <p class="skill-meta">{headline()}</p>
        <p class="skill-meta">
          <span class={`badge ${STATUS_BADGE[String(m().status)] ?? ""}`}>{matchStatusText(m())}</span>
        </p>
        <RowSyncNote row={m()} what={`match: ${headline()}`} />
      </div>
      <div class="skill-match-actions">
        <For each={matchActions(m())}>
          {(action) => (
            <Show
              when={action === "open"}
              fallback={
                <button
                  type="button"
                  class={`btn btn-small ${action === "accept" ? "btn-primary" : ""}`}
                  aria-label={`${LABELS[action]}: ${headline()}`}
                  onClick={() => act(action)}
                >
                  {LABELS[action]}
                </button>
              }
            >
              <A
                class="btn btn-small btn-primary"
                href={`/c/${String(m().conversationId)}`}
                aria-label={`Open conversation: ${headline()}`}
              >
                Open conversation
              </A>
            </Show>
          )}
        </For>
      </div>
    </li>
  );
}

export function SkillMatches() {
  const matches = createLive(() => skillMatches());
  const sorted = () =>
    uniqueMatches(matches() ?? []).sort(
      (a, b) =>
        (ORDER[String(a.status)] ?? 9) - (ORDER[String(b.status)] ?? 9) ||
        (Number(b.updatedAt) || 0) - (Number(a.updatedAt) || 0),
    );
  return (
    <section class="card skills-card" aria-labelledby="matches-title">
      <h2 id="matches-title">Your matches</h2>
      <Show
        when={sorted().length > 0}
        fallback={<p class="hint">No matches yet: propose one from the suggestions or a search.</p>}
      >
        <ul class="plain-list">
          <For each={sorted()}>{(m) => <MatchRow m={m} />}</For>
        </ul>
      </Show>
    </section>
  );
}
