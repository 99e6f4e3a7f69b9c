// Live server answers for online-only screens (discovery, search, admin) as Solid signals; no IndexedDB involved.
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { createEffect, createSignal, onCleanup, type Accessor } from "solid-js";
import { remoteQuery, watchRemote } from "../../sync/remote";
import { errorCode } from "./errorText";
import { isOnline } from "../../ui/online";

/** A reconnect re-authenticates within ~5 s: a "not signed in" refusal meanwhile is retried this often, this far apart. */
const AUTH_RETRIES = 12;
const AUTH_RETRY_MS = 1_000;

export type RemoteWatch<T> = {
  /** Kept while offline or while a new query loads. */
  value: Accessor<T | undefined>;
  error: Accessor<unknown>;
  /** True until the first answer for the current arguments arrived. */
  loading: Accessor<boolean>;
};

/** `args()` null: don't query. Re-subscribes on new arguments, coming online, or "not signed in" during re-authentication. */
export function createRemoteWatch<Q extends FunctionReference<"query">>(
  query: Q,
  args: () => FunctionArgs<Q> | null,
): RemoteWatch<FunctionReturnType<Q>> {
  type T = FunctionReturnType<Q>;
  const [value, setValue] = createSignal<T | undefined>(undefined);
  const [error, setError] = createSignal<unknown>(undefined);
  const [loading, setLoading] = createSignal(true);
  const [attempt, setAttempt] = createSignal(0);
  createEffect(() => {
    const current = args();
    const tries = attempt();
    if (!isOnline() || current === null) {
      setLoading(false);
      return;
    }
    setLoading(true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = watchRemote(
      query,
      current,
      (next) => {
        setError(undefined);
        setValue(() => next);
        setLoading(false);
      },
      (err) => {
        if (errorCode(err) === "UNAUTHENTICATED" && tries < AUTH_RETRIES) {
          timer = setTimeout(() => setAttempt(tries + 1), AUTH_RETRY_MS);
          return;
        }
        setError(() => err);
        setLoading(false);
      },
    );
    onCleanup(() => {
      clearTimeout(timer);
      stop();
    });
  });
  return { value, error, loading };
}

export async function remoteQueryWithRetry<Q extends FunctionReference<"query">>(query: Q, args: FunctionArgs<Q>): Promise<FunctionReturnType<Q>> {
  for (let tries = 0; ; tries++) {
    try {
      return await remoteQuery(query, args);
    } catch (error) {
      if (errorCode(error) !== "UNAUTHENTICATED" || tries >= AUTH_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, AUTH_RETRY_MS));
    }
  }
}
