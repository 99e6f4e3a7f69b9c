// /chambers/:id: the room, or why it can't be shown (not on this device, left, removed); follows a local id to the server's.
import { A, useNavigate, useParams } from "@solidjs/router";
import { createEffect, Match, Show, Switch } from "solid-js";
import { isLocalId } from "../../db/ids";
import { chamber, myChambers } from "../../db/queries";
import type { LocalDoc } from "../../db/types";
import * as actions from "../../actions";
import { EmptyState } from "../../ui/EmptyState";
import { FeatureGate } from "../../app/data/FeatureGate";
import { createLive } from "../../app/data/liveQuery";
import { toast } from "../../ui/Toasts";
import { boxed } from "./boxed";
import { resolveRoute } from "./resolveRoute";
import { Room } from "./Room";
import "../../ui/panels.css";
import "./chambers.css";

export default function ChamberRoom() {
  const params = useParams();
  return (
    <FeatureGate flag="ECHO_CHAMBERS" title="Echo chambers" off="Echo chambers are turned off" icon="rooms">
      <Show when={params.id} keyed>
        {(id) => <RoomRoute id={id} />}
      </Show>
    </FeatureGate>
  );
}

function RoomRoute(props: { id: string }) {
  const navigate = useNavigate();
  const found = createLive(() => boxed(chamber(props.id)));
  const mine = createLive(() => myChambers());
  createEffect(() => {
    const box = found();
    mine();
    if (box && !box.value) void resolveRoute(props.id, undefined, navigate);
  });
  const rejoin = async (c: LocalDoc) => {
    try {
      await actions.joinChamber(c.id);
    } catch (error) {
      toast(error instanceof Error ? error.message : "Could not join.", "error");
    }
  };
  return (
    <Show when={found()}>
      {(box) => (
        <Switch>
          <Match when={!box().value && isLocalId(props.id)}>
            <p class="page hint" role="status">
              Opening the chamber…
            </p>
          </Match>
          <Match when={!box().value}>
            <section class="page" aria-labelledby="room-missing">
              <h1 id="room-missing" class="visually-hidden">
                Chamber
              </h1>
              <EmptyState icon="rooms" title="This chamber isn't on this device">
                <p>
                  Join it with its invite link, or find it in <A href="/chambers">Discover</A>.
                </p>
              </EmptyState>
            </section>
          </Match>
          <Match when={box().value!.isMember === false}>
            <section class="page" aria-labelledby="room-left">
              <h1 id="room-left">
                <bdi>{String(box().value!.name ?? "Chamber")}</bdi>
              </h1>
              <EmptyState
                icon="rooms"
                title={
                  box().value!.membershipStatus === "removed"
                    ? "You were removed from this chamber"
                    : "You're not in this chamber"
                }
              >
                <Show when={box().value!.isPublic !== false && box().value!.membershipStatus !== "removed"}>
                  <button type="button" class="btn btn-primary" onClick={() => rejoin(box().value!)}>
                    Join again
                  </button>
                </Show>
                <p>
                  <A href="/chambers">Back to chambers</A>
                </p>
              </EmptyState>
            </section>
          </Match>
          <Match when={box().value}>{(c) => <Room chamber={c()} />}</Match>
        </Switch>
      )}
    </Show>
  );
}
