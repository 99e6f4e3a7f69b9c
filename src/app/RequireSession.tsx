// Route guard: signed-out people go to sign-in; accounts that have not chosen a username go to onboarding.
import { Navigate } from "@solidjs/router";
import { Match, Switch, type JSX } from "solid-js";
import { me } from "../db/queries";
import { createLive } from "../ui/liveQuery";
import { currentSession, sessionChecked } from "./session";

function OnboardingCheck(props: { onboarding?: boolean; children: JSX.Element }) {
  const profile = createLive(() => me());
  return (
    <Switch fallback={props.children}>
      <Match when={!props.onboarding && profile() && !profile()!.onboarded}>
        <Navigate href="/onboarding" />
      </Match>
      <Match when={props.onboarding && profile()?.onboarded}>
        <Navigate href="/" />
      </Match>
    </Switch>
  );
}

export function RequireSession(props: { onboarding?: boolean; children: JSX.Element }) {
  return (
    <Switch>
      <Match when={!sessionChecked()}>
        <p class="visually-hidden" role="status">
          Loading…
        </p>
      </Match>
      <Match when={!currentSession()}>
        <Navigate href="/signin" />
      </Match>
      <Match when={currentSession()} keyed>
        <OnboardingCheck onboarding={props.onboarding}>{props.children}</OnboardingCheck>
      </Match>
    </Switch>
  );
}
