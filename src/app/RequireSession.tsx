// Route guard: signed-out people go to sign-in; accounts that have not chosen a username go to onboarding.
import { Navigate } from "@solidjs/router";
import { createEffect, createSignal, Match, onCleanup, Switch, type JSX } from "solid-js";
import { me } from "../db/queries";
import { createLive } from "./data/liveQuery";
import { AccountRefused } from "./AccountRefused";
import { releaseListSnapshot } from "./listSnapshot";
import { accountRefusal, currentSession, sessionChecked } from "./sessionState";

/** How long to wait for the own profile row before showing the app anyway (e.g. offline, first start). */
const PROFILE_WAIT_MS = 4000;

function OnboardingCheck(props: { onboarding?: boolean; children: JSX.Element }) {
  const profile = createLive(() => me());
  // The profile row lags a first sign-in: wait briefly so a new account goes to onboarding without flashing the list.
  const [waited, setWaited] = createSignal(false);
  const timer = setTimeout(() => setWaited(true), PROFILE_WAIT_MS);
  onCleanup(() => clearTimeout(timer));
  return (
    <Switch fallback={props.children}>
      <Match when={!profile() && !waited()}>
        <p class="boot-status" role="status">
          Loading your whispers…
        </p>
      </Match>
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
  // The start-up snapshot shows the inbox: a refused account must see why at once instead.
  createEffect(() => {
    if (accountRefusal()) releaseListSnapshot();
  });
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
      <Match when={accountRefusal()} keyed>
        {(refusal) => <AccountRefused refusal={refusal} />}
      </Match>
      <Match when={currentSession()} keyed>
        <OnboardingCheck onboarding={props.onboarding}>{props.children}</OnboardingCheck>
      </Match>
    </Switch>
  );
}
