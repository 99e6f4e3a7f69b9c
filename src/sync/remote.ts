// Online-only server calls for the few screens that need live server answers (search, discovery, admin).
// Each takes the function's generated reference (convex/_generated/api): its arguments and result are typed from the server.
import { getFunctionName, type FunctionArgs, type FunctionReference, type FunctionReturnType } from "convex/server";
import type { Transport } from "./transport";
import { isNavigatorOnline } from "./wakeUps";

let transport: Transport | null = null;

/** Set by the session; cleared on sign-out. */
export function setRemoteTransport(next: Transport | null): void {
  transport = next;
}

/** The call needs the network and there is none (or no one is signed in). */
export class OfflineError extends Error {
  constructor(message = "You're offline. This needs a connection.") {
    super(message);
    this.name = "OfflineError";
  }
}

function requireTransport(): Transport {
  if (!transport || !isNavigatorOnline()) throw new OfflineError();
  return transport;
}

/** Online only: OfflineError when offline or after `timeoutMs`; nothing is cached in IndexedDB. */
export function remoteQuery<Q extends FunctionReference<"query">>(
  query: Q,
  args: FunctionArgs<Q>,
  timeoutMs = 15_000,
): Promise<FunctionReturnType<Q>> {
  type T = FunctionReturnType<Q>;
  return new Promise<T>((resolve, reject) => {
    let t: Transport;
    try {
      t = requireTransport();
    } catch (error) {
      return reject(error);
    }
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new OfflineError("The server did not answer. Check your connection."));
    }, timeoutMs);
    const unsubscribe = t.subscribe(
      getFunctionName(query),
      args,
      (value) => {
        clearTimeout(timer);
        unsubscribe();
        resolve(value as T);
      },
      (error) => {
        clearTimeout(timer);
        unsubscribe();
        reject(error);
      },
    );
  });
}

/** Subscribes to a live query (e.g. admin dashboard stats). Returns the unsubscribe. */
export function watchRemote<Q extends FunctionReference<"query">>(
  query: Q,
  args: FunctionArgs<Q>,
  onValue: (value: FunctionReturnType<Q>) => void,
  onError: (error: Error) => void = () => undefined,
): () => void {
  if (!transport) {
    onError(new OfflineError());
    return () => undefined;
  }
  return transport.subscribe(getFunctionName(query), args, (v) => onValue(v as FunctionReturnType<Q>), onError);
}

/** Not through the outbox: admin actions (ban, role, flags) must not be queued. OfflineError when offline. */
export async function remoteMutation<M extends FunctionReference<"mutation">>(mutation: M, args: FunctionArgs<M>): Promise<FunctionReturnType<M>> {
  return (await requireTransport().mutation(getFunctionName(mutation), args)) as FunctionReturnType<M>;
}
