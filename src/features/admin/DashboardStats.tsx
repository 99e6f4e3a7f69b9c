// The admin dashboard: counts (users, activity, whispers, chambers, requests, bans) and the 7-day whispers chart, live.
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../convex/_generated/api";
import { For, Show } from "solid-js";
import { errorText } from "../../app/data/errorText";
import { createRemoteWatch } from "../../app/data/remoteWatch";
import { WhispersChart } from "./WhispersChart";

/** What admin:getAdminDashboardStats answers. */
export type Stats = FunctionReturnType<typeof api.admin.getAdminDashboardStats>;

const TILES: { key: Exclude<keyof Stats, "whispersPerDay">; label: string }[] = [
  { key: "users", label: "People" },
  { key: "activeUsersToday", label: "Active today" },
  { key: "activeUsers7d", label: "Active user-days (7 days)" },
  { key: "totalWhispers", label: "Whispers" },
  { key: "chambers", label: "Chambers" },
  { key: "pendingRequests", label: "Pending role requests" },
  { key: "bannedUsers", label: "Banned" },
];

export function DashboardStats() {
  const stats = createRemoteWatch(api.admin.getAdminDashboardStats, () => ({}));
  return (
    <section class="card admin-card admin-stats" aria-labelledby="stats-title">
      <h2 id="stats-title">Dashboard</h2>
      <Show when={stats.error()}>
        <p class="error-text" role="alert">
          {errorText(stats.error())}
        </p>
      </Show>
      <Show when={stats.value()} fallback={<p class="hint">{stats.loading() ? "Loading…" : "No numbers yet."}</p>}>
        {(s) => (
          <>
            <dl class="stat-tiles">
              <For each={TILES}>
                {(tile) => (
                  <div class="stat-tile" data-testid={`stat-${tile.key}`}>
                    <dt>{tile.label}</dt>
                    <dd>{s()[tile.key].toLocaleString()}</dd>
                  </div>
                )}
              </For>
            </dl>
            <h3 class="admin-subtitle">Whispers, last 7 days</h3>
            <WhispersChart days={s().whispersPerDay} />
          </>
        )}
      </Show>
    </section>
  );
}
