// Super admins review admin role requests (a banned or erased requester's can only be rejected), then the latest decisions.
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../convex/_generated/api";
import { createSignal, For, Show } from "solid-js";
import { Avatar } from "../../ui/Avatar";
import { errorText } from "../../app/data/errorText";
import { isOnline } from "../../ui/online";
import { createRemoteWatch } from "../../app/data/remoteWatch";
import { adminCall } from "./adminCall";
import { notApprovable } from "./requests";
import { roleLabel } from "./role";

type Request = FunctionReturnType<typeof api.admin.listRequests>[number];

export function RoleRequests() {
  const requests = createRemoteWatch(api.admin.listRequests, () => ({}));
  const [busy, setBusy] = createSignal<string | null>(null);
  const pending = () => (requests.value() ?? []).filter((r) => r.status === "pending");
  const reviewed = () => (requests.value() ?? []).filter((r) => r.status !== "pending").slice(0, 5);
  const review = async (r: Request, approve: boolean) => {
    setBusy(r._id);
    const who = r.requester?.displayName ?? "The requester";
    await adminCall(
      api.admin.reviewRequest,
      { requestId: r._id, approve },
      approve ? `${who} is now ${roleLabel(r.requestType)}.` : `Request from ${who} rejected.`,
    );
    setBusy(null);
  };
  return (
    <section class="card admin-card" aria-labelledby="requests-title">
      <h2 id="requests-title">Role requests</h2>
      <Show when={requests.error()}>
        <p class="error-text" role="alert">
          {errorText(requests.error())}
        </p>
      </Show>
      <Show
        when={pending().length > 0}
        fallback={<p class="hint">{requests.loading() ? "Loading…" : "No requests waiting."}</p>}
      >
        <ul class="plain-list" aria-label="Waiting for review">
          <For each={pending()}>
            {(r) => (
              <li class="admin-person">
                <Avatar id={r.requester?._id} name={r.requester?.displayName ?? "?"} size={36} />
                <div class="admin-person-body">
                  <p class="admin-person-name">
                    <bdi>{r.requester?.displayName ?? "Unknown"}</bdi> <span class="hint">@{r.requester?.username}</span>
                  </p>
                  <p class="hint">
                    Asks to become {roleLabel(r.requestType)} · {new Date(r._creationTime).toLocaleDateString()}
                  </p>
                  <Show when={notApprovable(r)}>
                    {(why) => (
                      <p class="admin-not-approvable">
                        <span class="badge badge-danger">{r.requesterBanned ? "Banned" : "Erased"}</span> {why()}
                      </p>
                    )}
                  </Show>
                  <Show when={r.reason}>
                    <blockquote class="admin-reason" dir="auto">
                      {r.reason}
                    </blockquote>
                  </Show>
                </div>
                <div class="admin-person-actions">
                  <Show when={!notApprovable(r)}>
                    <button
                      type="button"
                      class="btn btn-small btn-primary"
                      disabled={!isOnline() || busy() === r._id}
                      aria-label={`Approve ${r.requester?.username ?? "request"}`}
                      onClick={() => review(r, true)}
                    >
                      Approve
                    </button>
                  </Show>
                  <button
                    type="button"
                    class="btn btn-small"
                    disabled={!isOnline() || busy() === r._id}
                    aria-label={`Reject ${r.requester?.username ?? "request"}`}
                    onClick={() => review(r, false)}
                  >
                    Reject
                  </button>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={reviewed().length > 0}>
        <h3 class="admin-subtitle">Recently reviewed</h3>
        <ul class="plain-list admin-reviewed">
          <For each={reviewed()}>
            {(r) => (
              <li>
                <bdi>{r.requester?.displayName ?? "Unknown"}</bdi> · {roleLabel(r.requestType)} ·{" "}
                <span class={`badge ${r.status === "approved" ? "badge-success" : "badge-danger"}`}>
                  {r.status === "approved" ? "Approved" : "Rejected"}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
