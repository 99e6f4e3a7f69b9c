// Settings' admin section: anyone can request an admin role (and sees its review state); admins get a link to the tools.
import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { adminRequests, me } from "../../db/queries";
import * as actions from "../../actions";
import { Icon } from "../../ui/Icon";
import { LengthLimit, overLimit } from "../../ui/LengthLimit";
import { createLive } from "../../app/data/liveQuery";
import { RowSyncNote } from "../../app/data/RowSyncNote";
import { toast } from "../../ui/Toasts";
import { ownRequests, REASON_MAX, requestSummary } from "./requests";
import { createAdminRole, roleLabel, type AdminRole } from "./role";
import "./admin-settings.css";

export function AdminSettingsSection() {
  const { role } = createAdminRole();
  const profile = createLive(() => me());
  const requests = createLive(() => adminRequests());
  const mine = () => ownRequests(requests() ?? [], profile()?.id);
  const latest = () => mine()[0];
  const waiting = () => latest()?.status === "pending" && latest()?.syncState !== "failed";
  const choices = (): AdminRole[] => (role() === "admin" ? ["super_admin"] : ["admin", "super_admin"]);
  const [type, setType] = createSignal<AdminRole>("admin");
  const [reason, setReason] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const chosen = () => (choices().includes(type()) ? type() : choices()[0]);
  const tooLong = () => overLimit(reason(), REASON_MAX);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (tooLong()) return;
    setBusy(true);
    try {
      await actions.requestAdminRole(chosen(), reason().trim() || undefined);
      setReason("");
      toast("Request saved. A super admin will review it.");
    } catch (error) {
      toast(error instanceof Error ? error.message : "Could not save the request.", "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card admin-settings" aria-labelledby="admin-settings-title">
      <h2 id="admin-settings-title" class="admin-settings-title">
        <Icon name="shield" size={20} /> Admin role
      </h2>
      <Show when={role() === "admin" || role() === "super_admin"}>
        <p class="admin-settings-role">
          You are {role() === "super_admin" ? "a super admin" : "an admin"}.{" "}
          <A href="/admin" class="btn btn-primary admin-tools-link">
            Admin tools
          </A>
        </p>
      </Show>
      <Show when={latest()}>
        {(row) => (
          <div class="admin-request-state" data-status={String(row().status)}>
            <p>{requestSummary(row())}</p>
            <RowSyncNote row={row()} what="admin role request" />
          </div>
        )}
      </Show>
      <Show when={role() !== "super_admin" && !waiting()}>
        <form class="admin-request-form" onSubmit={submit}>
          <fieldset class="admin-request-types">
            <legend>Request an admin role</legend>
            <For each={choices()}>
              {(choice) => (
                <label class="admin-request-type">
                  <input
                    type="radio"
                    name="admin-request-type"
                    value={choice}
                    checked={chosen() === choice}
                    onChange={() => setType(choice)}
                  />
                  {roleLabel(choice)}
                </label>
              )}
            </For>
          </fieldset>
          <div class="field">
            <label for="admin-request-reason">Why? (optional)</label>
            <textarea
              id="admin-request-reason"
              dir="auto"
              rows={3}
              value={reason()}
              onInput={(e) => setReason(e.currentTarget.value)}
              aria-describedby="admin-request-hint admin-request-length"
              aria-invalid={tooLong() ? "true" : undefined}
            />
            <LengthLimit id="admin-request-length" value={reason()} max={REASON_MAX} action="save" />
            <span id="admin-request-hint" class="hint">
              A super admin reads this. Works offline: the request is sent when you are back online.
            </span>
          </div>
          <button type="submit" class="btn btn-primary" disabled={busy() || tooLong()} aria-describedby="admin-request-length">
            Request an admin role
          </button>
        </form>
      </Show>
    </section>
  );
}

export default AdminSettingsSection;
