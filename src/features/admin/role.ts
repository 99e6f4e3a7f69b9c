// The viewer's admin role: live from the server (admin:myRole) when online, remembered in localStorage for offline.
import { api } from "../../../convex/_generated/api";
import { createEffect, createSignal, type Accessor } from "solid-js";
import { currentSession } from "../../app/sessionState";
import { isOnline } from "../../ui/online";
import { createRemoteWatch } from "../../app/data/remoteWatch";

export type AdminRole = "admin" | "super_admin";

const KEY_PREFIX = "whispers:adminRole:";

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Undefined: never asked on this device. */
export function cachedRole(userKey: string): AdminRole | null | undefined {
  const raw = storage()?.getItem(KEY_PREFIX + userKey);
  if (raw === null || raw === undefined) return undefined;
  return raw === "admin" || raw === "super_admin" ? raw : null;
}

/** Remembers the server's answer so Settings and /admin know the role offline. */
export function rememberRole(userKey: string, role: AdminRole | null): void {
  storage()?.setItem(KEY_PREFIX + userKey, role ?? "none");
}

export function roleLabel(role: AdminRole | null | undefined): string {
  return role === "super_admin" ? "super admin" : role === "admin" ? "admin" : "member";
}

export type RoleState = {
  /** null: none; undefined: never answered and offline. */
  role: Accessor<AdminRole | null | undefined>;
  /** True when the value comes from the cache, not a live answer. */
  stale: Accessor<boolean>;
};

export function createAdminRole(): RoleState {
  const userKey = currentSession()?.viewer.userKey ?? "";
  const [role, setRole] = createSignal<AdminRole | null | undefined>(userKey ? cachedRole(userKey) : undefined);
  const live = createRemoteWatch(api.admin.myRole, () => (userKey ? {} : null));
  createEffect(() => {
    const answer = live.value();
    if (answer === undefined) return;
    setRole(answer);
    rememberRole(userKey, answer);
  });
  const stale = () => !isOnline() || live.value() === undefined || live.error() !== undefined;
  return { role, stale };
}
