// Live username availability: format first, then users:isUsernameAvailable on the server (debounced, online only).
import { api } from "../../../convex/_generated/api";
import { createEffect, createSignal, onCleanup, type Accessor } from "solid-js";
import { OfflineError, remoteQuery } from "../../sync/remote";
import { errorText } from "../../ui/format";
import { usernameFormatProblem } from "./profileRules";

export type UsernameCheck =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "available" }
  | { kind: "unavailable"; reason: string }
  | { kind: "unchecked"; reason: string };

/** Follows `username()`; `current` (the own username) needs no check. */
export function createUsernameCheck(username: Accessor<string>, current: Accessor<string | undefined>, delayMs = 350): Accessor<UsernameCheck> {
  const [state, setState] = createSignal<UsernameCheck>({ kind: "idle" });
  createEffect(() => {
    const name = username().trim();
    if (!name || name.toLowerCase() === current()?.toLowerCase()) return setState({ kind: "idle" });
    const problem = usernameFormatProblem(name);
    if (problem) return setState({ kind: "unavailable", reason: problem });
    setState({ kind: "checking" });
    let live = true;
    const timer = setTimeout(() => {
      remoteQuery(api.users.isUsernameAvailable, { username: name })
        .then((result) => {
          if (!live) return;
          setState(result.available ? { kind: "available" } : { kind: "unavailable", reason: result.reason ?? "This username is taken." });
        })
        .catch((error: unknown) => {
          if (!live) return;
          setState({
            kind: "unchecked",
            reason: error instanceof OfflineError ? "Offline: availability is checked when you're back online." : errorText(error),
          });
        });
    }, delayMs);
    onCleanup(() => {
      live = false;
      clearTimeout(timer);
    });
  });
  return state;
}
