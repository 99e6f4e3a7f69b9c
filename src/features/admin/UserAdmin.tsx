// Find people by username; ban, unban or erase them (admins), grant or revoke admin roles (super admins). Live results.
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../convex/_generated/api";
import { createSignal, For, Show } from "solid-js";
import { me } from "../../db/queries";
import { Avatar } from "../../ui/Avatar";
import { createDebouncedQuery } from "../../ui/debouncedQuery";
import { createLive } from "../../app/data/liveQuery";
import { isOnline } from "../../ui/online";
import { createRemoteWatch } from "../../app/data/remoteWatch";
import { RemoteResults } from "../../app/data/RemoteResults";
import { adminCall } from "./adminCall";
import { ModerationDialog, type Moderation } from "./ModerationDialog";
import { roleLabel, type AdminRole } from "./role";

type Person = FunctionReturnType<typeof api.admin.searchUsers>[number];

export function UserAdmin(props: { viewerRole: AdminRole }) {
  const search = createDebouncedQuery();
  const query = search.query;
  const [moderating, setModerating] = createSignal<{ person: Person; kind: Moderation } | null>(null);
  const profile = createLive(() => me());
  const people = createRemoteWatch(api.admin.searchUsers, () => (query() ? { query: query() } : null));
  const superAdmin = () => props.viewerRole === "super_admin";
  const target = () => {
    const chosen = moderating();
    return chosen ? { kind: chosen.kind, displayName: chosen.person.displayName, username: chosen.person.username } : null;
  };
  const moderate = async (reason: string) => {
    const chosen = moderating();
    setModerating(null);
    if (!chosen) return;
    const { person, kind } = chosen;
    if (kind === "ban") await adminCall(api.admin.banUser, { userId: person._id, reason }, `${person.displayName} is banned.`);
    else await adminCall(api.admin.softDeleteUser, { userId: person._id, reason }, `${person.displayName}'s account is erased.`);
  };
  return (
    <section class="card admin-card" aria-labelledby="people-title">
      <h2 id="people-title">People</h2>
      <form
        role="search"
        class="field"
        onSubmit={(e) => {
          e.preventDefault();
          search.submit();
        }}
      >
        <label for="admin-user-search">Find by username</label>
        <input
          id="admin-user-search"
          type="search"
          autocomplete="off"
          value={search.typed()}
          onInput={(e) => search.input(e.currentTarget.value)}
        />
      </form>
      <RemoteResults
        watch={people}
        prompt={!query() && "Type the start of a username."}
        empty={<p class="hint">Nobody's username starts with “{query()}”.</p>}
      >
        {(list) => (
          <ul class="plain-list admin-people" aria-label="People found">
            <For each={list()}>
              {(p) => {
                const self = () => p._id === profile()?.id;
                return (
                  <li class="admin-person">
                    <Avatar id={p._id} name={p.displayName} size={36} />
                    <div class="admin-person-body">
                      <p class="admin-person-name">
                        <bdi>{p.displayName}</bdi> <span class="hint">@{p.username}</span>
                      </p>
                      <p class="admin-person-badges">
                        <Show when={p.role}>
                          <span class="badge badge-brand">{roleLabel(p.role)}</span>
                        </Show>
                        <Show when={p.isBanned}>
                          <span class="badge badge-danger">Banned</span>
                        </Show>
                        <Show when={p.isDeleted}>
                          <span class="badge">Deleted</span>
                        </Show>
                        <Show when={self()}>
                          <span class="badge">You</span>
                        </Show>
                      </p>
                    </div>
                    <div class="admin-person-actions">
                      <Show when={!self() && p.role !== "super_admin" && !p.isDeleted}>
                        <Show
                          when={p.isBanned}
                          fallback={
                            <button
                              type="button"
                              class="btn btn-small btn-danger"
                              disabled={!isOnline()}
                              aria-label={`Ban ${p.username}`}
                              onClick={() => setModerating({ person: p, kind: "ban" })}
                            >
                              Ban
                            </button>
                          }
                        >
                          <button
                            type="button"
                            class="btn btn-small"
                            disabled={!isOnline()}
                            aria-label={`Unban ${p.username}`}
                            onClick={() =>
                              adminCall(
                                api.admin.unbanUser,
                                { userId: p._id },
                                `${p.displayName} can use Whispers again.`,
                              )
                            }
                          >
                            Unban
                          </button>
                        </Show>
                        <button
                          type="button"
                          class="btn btn-small btn-danger"
                          disabled={!isOnline()}
                          aria-label={`Erase ${p.username}'s account`}
                          onClick={() => setModerating({ person: p, kind: "erase" })}
                        >
                          Erase
                        </button>
                      </Show>
                      <Show when={superAdmin() && !self() && !p.isDeleted && !p.isBanned}>
                        <Show when={p.role !== "admin" && p.role !== "super_admin"}>
                          <button
                            type="button"
                            class="btn btn-small"
                            disabled={!isOnline()}
                            aria-label={`Make ${p.username} an admin`}
                            onClick={() =>
                              adminCall(
                                api.admin.grantAdminRole,
                                { userId: p._id, role: "admin" },
                                `${p.displayName} is now an admin.`,
                              )
                            }
                          >
                            Make admin
                          </button>
                        </Show>
                        <Show when={p.role !== "super_admin"}>
                          <button
                            type="button"
                            class="btn btn-small"
                            disabled={!isOnline()}
                            aria-label={`Make ${p.username} a super admin`}
                            onClick={() =>
                              adminCall(
                                api.admin.grantAdminRole,
                                { userId: p._id, role: "super_admin" },
                                `${p.displayName} is now a super admin.`,
                              )
                            }
                          >
                            Make super admin
                          </button>
                        </Show>
                        <Show when={p.role}>
                          <button
                            type="button"
                            class="btn btn-small btn-danger"
                            disabled={!isOnline()}
                            aria-label={`Revoke ${p.username}'s ${roleLabel(p.role)} role`}
                            onClick={() =>
                              adminCall(
                                api.admin.revokeAdminRole,
                                { userId: p._id },
                                `${p.displayName} is no longer ${roleLabel(p.role)}.`,
                              )
                            }
                          >
                            Revoke role
                          </button>
                        </Show>
                      </Show>
                    </div>
                  </li>
                );
              }}
            </For>
          </ul>
        )}
      </RemoteResults>
      <ModerationDialog
        target={target()}
        onCancel={() => setModerating(null)}
        onConfirm={moderate}
      />
    </section>
  );
}
