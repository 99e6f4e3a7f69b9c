// A chamber room: header (alias, members against the limit, leave), live messages and composer, invite and members panel.
import { A, useNavigate } from "@solidjs/router";
import { createEffect, createSignal, Show } from "solid-js";
import type { LocalDoc } from "../../db/types";
import * as actions from "../../actions";
import { Dialog } from "../../ui/Dialog";
import { Glyph } from "../../ui/Glyph";
import { Icon } from "../../ui/Icon";
import { RowSyncNote } from "../../app/data/RowSyncNote";
import { toast } from "../../ui/Toasts";
import { ChamberComposer } from "./ChamberComposer";
import { ChamberMessages } from "./ChamberMessages";
import { capacity } from "./invite";
import { InvitePanel } from "./InvitePanel";
import { MembersList } from "./MembersList";

export function Room(props: { chamber: LocalDoc }) {
  const navigate = useNavigate();
  const [details, setDetails] = createSignal(false);
  const [leaving, setLeaving] = createSignal(false);
  const c = () => props.chamber;
  const name = () => String(c().name ?? "Chamber");
  const cap = () => capacity(c().memberCount, c().maxMembers);
  createEffect(() => {
    document.title = `${name()} · Whispers`;
  });
  const leave = async () => {
    setLeaving(false);
    try {
      await actions.leaveChamber(c().id);
      toast(`You left ${name()}.`);
      navigate("/chambers");
    } catch (error) {
      toast(error instanceof Error ? error.message : "Could not leave the chamber.", "error");
    }
  };
  return (
    <section class="chamber-room" aria-labelledby="room-title">
      <header class="chamber-room-head">
        <A href="/chambers" class="icon-btn" aria-label="Back to chambers">
          <Icon name="back" />
        </A>
        <div class="chamber-room-title">
          <h1 id="room-title">
            <bdi>{name()}</bdi>
          </h1>
          <p class="chamber-room-meta">
            <span class="badge" dir="auto">#{String(c().topic ?? "")}</span>
            <span>{c().isPublic === false ? "Private" : "Public"}</span>
            <span classList={{ "chamber-full": cap().full }} data-testid="member-count">
              {cap().text}
            </span>
            <Show when={typeof c().yourAlias === "string"}>
              <span>
                You are <strong>{String(c().yourAlias)}</strong>
              </span>
            </Show>
          </p>
          <RowSyncNote row={c()} what="chamber" />
        </div>
        <div class="chamber-room-actions">
          <button
            type="button"
            class="btn btn-small chamber-details-toggle"
            aria-expanded={details()}
            aria-controls="chamber-side"
            onClick={() => setDetails((v) => !v)}
          >
            <Glyph name="users" size={16} /> {details() ? "Hide details" : "Invite & members"}
          </button>
          <button type="button" class="btn btn-small" onClick={() => setLeaving(true)}>
            <Glyph name="leave" size={16} /> Leave
          </button>
        </div>
      </header>
      <div class="chamber-room-body">
        <div class="chamber-chat">
          <ChamberMessages chamberId={c().id} />
          <ChamberComposer
            chamberId={c().id}
            alias={typeof c().yourAlias === "string" ? String(c().yourAlias) : undefined}
          />
        </div>
        <aside id="chamber-side" class="chamber-side" classList={{ open: details() }} aria-label="Chamber details">
          <InvitePanel code={typeof c().inviteCode === "string" ? String(c().inviteCode) : undefined} name={name()} />
          <MembersList chamberId={c().id} isCreator={c().isCreatorYou === true} />
        </aside>
      </div>
      <Dialog open={leaving()} title={`Leave ${name()}?`} onClose={() => setLeaving(false)}>
        <p>
          You stop receiving its messages.{" "}
          {c().isPublic === false ? "You'll need the invite code to come back." : "You can join again later."}
        </p>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => setLeaving(false)}>
            Stay
          </button>
          <button type="button" class="btn btn-danger" onClick={leave}>
            Leave chamber
          </button>
        </div>
      </Dialog>
    </section>
  );
}
