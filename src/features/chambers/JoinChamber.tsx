// /join/:code: joins the chamber with this invite code (queued offline) and opens its room once the server answered.
import { A, useNavigate, useParams } from "@solidjs/router";
import { createEffect, createSignal, Match, Show, Switch } from "solid-js";
import { myChambers, outboxFailures } from "../../db/queries";
import * as actions from "../../actions";
import { FeatureGate } from "../../app/data/FeatureGate";
import { Icon } from "../../ui/Icon";
import { createLive } from "../../app/data/liveQuery";
import { isOnline } from "../../ui/online";
import { codeFromInput } from "./invite";
import "../../ui/panels.css";
import "./chambers.css";

export default function JoinChamber() {
  const params = useParams();
  return (
    <FeatureGate flag="ECHO_CHAMBERS" title="Echo chambers" off="Echo chambers are turned off" icon="rooms">
      <Show when={params.code} keyed>
        {(code) => <Joining code={codeFromInput(code) ?? code} />}
      </Show>
    </FeatureGate>
  );
}

function Joining(props: { code: string }) {
  const navigate = useNavigate();
  const mine = createLive(() => myChambers());
  const failures = createLive(() => outboxFailures());
  const [queued, setQueued] = createSignal(false);
  const joined = () => mine()?.find((c) => c.inviteCode === props.code && c.isMember !== false);
  const failure = () => failures()?.find((e) => e.kind === "joinChamberByCode" && e.args.inviteCode === props.code);

  let started = false;
  createEffect(() => {
    // Wait until this device's chambers are read: a member just opens the room.
    if (mine() === undefined || started) return;
    started = true;
    if (!joined()) void actions.joinChamberByCode(props.code).then(() => setQueued(true));
  });
  createEffect(() => {
    const c = joined();
    if (c) navigate(`/chambers/${c.id}`, { replace: true });
  });
  const discard = async () => {
    const f = failure();
    if (f) await actions.discard(f.id);
    navigate("/chambers", { replace: true });
  };

  return (
    <section class="page chambers-page" aria-labelledby="join-title">
      <header class="section-head section-head-start">
        <A href="/chambers" class="icon-btn" aria-label="Back to chambers">
          <Icon name="back" />
        </A>
        <h1 id="join-title">Join a chamber</h1>
      </header>
      <div class="card join-card">
        <p>
          Invite code <code>{props.code}</code>
        </p>
        <Switch fallback={<p role="status">Joining…</p>}>
          <Match when={failure()}>
            {(f) => (
              <>
                <p class="error-text" role="alert">
                  Couldn't join: {f().error?.message ?? "the server refused."}
                </p>
                <button type="button" class="btn" onClick={discard}>
                  Back to chambers
                </button>
              </>
            )}
          </Match>
          <Match when={queued() && !isOnline()}>
            <p role="status">You're offline. You'll join as soon as you're back online, and the room opens then.</p>
          </Match>
        </Switch>
      </div>
    </section>
  );
}
