// The states of a live server list on an online-only screen: offline, a prompt, an error, loading, empty, or the list.
import { Match, Switch, type Accessor, type JSX } from "solid-js";
import { errorText } from "./errorText";
import { OfflineNotice } from "../../ui/OfflineNotice";
import { isOnline } from "../../ui/online";
import type { RemoteWatch } from "./remoteWatch";

export function RemoteResults<T>(props: {
  watch: RemoteWatch<T[]>;
  /** For the offline notice ("Searching skills"); without it, offline shows the last answer. */
  offline?: string;
  /** Shown instead of any result while there is nothing to ask yet (e.g. "Type at least two letters."). */
  prompt?: string | false;
  /** Until the first answer; without it nothing is shown meanwhile. */
  loading?: string;
  empty: JSX.Element;
  children: (list: Accessor<T[]>) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={props.offline !== undefined && !isOnline()}>
        <OfflineNotice what={props.offline!} />
      </Match>
      <Match when={props.prompt}>
        <p class="hint">{props.prompt}</p>
      </Match>
      <Match when={props.watch.error()}>
        <p class="error-text" role="alert">
          {errorText(props.watch.error())}
        </p>
      </Match>
      <Match when={props.loading !== undefined && props.watch.loading() && !props.watch.value()}>
        <p class="hint" role="status">
          {props.loading}
        </p>
      </Match>
      <Match when={props.watch.value()?.length === 0 && !props.watch.loading()}>{props.empty}</Match>
      <Match when={props.watch.value()}>{(list) => props.children(list)}</Match>
    </Switch>
  );
}
