// /admin: dashboard, role requests (super admins), people (ban, roles) and feature flags. Online only, admins only.
import { A } from "@solidjs/router";
import { Match, Show, Switch } from "solid-js";
import { EmptyState } from "../../ui/EmptyState";
import { OfflineNotice } from "../../ui/OfflineNotice";
import { isOnline } from "../../ui/online";
import { DashboardStats } from "./DashboardStats";
import { FeatureFlags } from "./FeatureFlags";
import { createAdminRole, roleLabel, type AdminRole } from "./role";
import { RoleRequests } from "./RoleRequests";
import { UserAdmin } from "./UserAdmin";
import "../../ui/panels.css";
import "./admin.css";

export default function AdminScreen() {
  const { role } = createAdminRole();
  return (
    <section class="page admin-page" aria-labelledby="admin-title">
      <header class="section-head section-head-start">
        <h1 id="admin-title">Admin tools</h1>
        <Show when={role()}>
          <span class="badge badge-brand">{roleLabel(role())}</span>
        </Show>
      </header>
      <Switch>
        <Match when={role() === undefined && !isOnline()}>
          <OfflineNotice what="Checking your admin role" />
        </Match>
        <Match when={role() === undefined}>
          <p class="hint" role="status">
            Checking your role…
          </p>
        </Match>
        <Match when={role() === null}>
          <EmptyState icon="shield" title="Admins only">
            <p>
              You can ask for an admin role in <A href="/settings">Settings</A>.
            </p>
          </EmptyState>
        </Match>
        <Match when={role()}>{(r) => <Tools role={r()} />}</Match>
      </Switch>
    </section>
  );
}

function Tools(props: { role: AdminRole }) {
  return (
    <>
      <Show when={!isOnline()}>
        <OfflineNotice what="Changing anything here" />
      </Show>
      <div class="admin-grid">
        <div class="stack">
          <DashboardStats />
          <FeatureFlags />
        </div>
        <div class="stack">
          <Show when={props.role === "super_admin"}>
            <RoleRequests />
          </Show>
          <UserAdmin viewerRole={props.role} />
        </div>
      </div>
    </>
  );
}
