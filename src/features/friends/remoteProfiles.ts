// Names for friend rows whose profile this device doesn't have yet: friends:list from the server (online only).
import { api } from "../../../convex/_generated/api";
import { createMemo, createResource, type Accessor } from "solid-js";
import { friends } from "../../db/queries";
import type { LocalProfile } from "../../db/types";
import { remoteQuery } from "../../sync/remote";
import { createLive } from "../../app/data/liveQuery";

/** Refetched when `signature()` changes; empty offline. A fallback only: rows carry the stored profile when there is one. */
export function createRemoteFriendProfiles(signature: Accessor<string>): Accessor<Map<string, LocalProfile>> {
  const [lists] = createResource(signature, () => remoteQuery(api.friends.list, {}).catch(() => null));
  return () => {
    const map = new Map<string, LocalProfile>();
    const all = lists();
    if (!all) return map;
    for (const view of [...all.friends, ...all.incoming, ...all.outgoing, ...all.blocked]) {
      if (view.profile) map.set(view.otherId, { ...view.profile, id: view.otherId, syncState: "synced" } as LocalProfile);
    }
    return map;
  };
}

export function createFriendRows() {
  const rows = createLive(() => friends());
  const signature = () => (rows() ?? []).map((f) => `${f.otherUserId}:${f.status}:${f.syncState}:${f.profile ? 1 : 0}`).join(",");
  const fallback = createRemoteFriendProfiles(signature);
  const merged = createMemo(() => {
    const known = fallback();
    return (rows() ?? []).map((f) => (f.profile ? f : { ...f, profile: known.get(f.otherUserId) }));
  });
  // eslint-disable-next-line solid/reactivity -- the accessor itself is returned for the caller to track
  return Object.assign(merged, { loaded: rows.loaded });
}
