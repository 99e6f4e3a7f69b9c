// Discover public chambers by topic (a live server query: online only) and join one.
import { api } from "../../../convex/_generated/api";
import { A, useNavigate } from "@solidjs/router";
import { For, Show } from "solid-js";
import * as actions from "../../actions";
import { EmptyState } from "../../ui/EmptyState";
import { createDebouncedQuery } from "../../ui/debouncedQuery";
import { errorText } from "../../app/data/errorText";
import { createRemoteWatch } from "../../app/data/remoteWatch";
import { RemoteResults } from "../../app/data/RemoteResults";
import { toast } from "../../ui/Toasts";
import { ChamberSummary } from "./ChamberSummary";
import { capacity } from "./invite";

type Found = {
  _id: string;
  name: string;
  topic: string;
  isPublic: boolean;
  maxMembers: number;
  memberCount: number;
  isMember: boolean;
  membershipStatus?: string;
  _creationTime: number;
  updatedAt: number;
};

export function DiscoverChambers() {
  const navigate = useNavigate();
  const search = createDebouncedQuery();
  const topic = search.query;
  const found = createRemoteWatch(api.echoChambers.discover, () => (topic() ? { topic: topic() } : {}));
  const join = async (c: Found) => {
    try {
      const { _id, ...preview } = c;
      await actions.joinChamber(_id, { ...preview, isMember: true, membershipStatus: "active" });
      navigate(`/chambers/${_id}`);
    } catch (error) {
      toast(errorText(error, "Could not join the chamber."), "error");
    }
  };
  return (
    <section class="card chamber-discover" aria-labelledby="discover-title">
      <div class="section-head">
        <h2 id="discover-title">Discover public chambers</h2>
      </div>
      <form
        class="field"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          search.submit();
        }}
      >
        <label for="discover-topic">Topic</label>
        <input
          id="discover-topic"
          type="search"
          placeholder="e.g. music, night, books"
          value={search.typed()}
          onInput={(e) => search.input(e.currentTarget.value)}
        />
      </form>
      <RemoteResults
        watch={found}
        offline="Discovering chambers"
        loading="Looking…"
        empty={
          <EmptyState icon="rooms" title={topic() ? `No public chambers about “${topic()}”` : "No public chambers yet"}>
            <p>
              <A href="/chambers/new">Create one</A> and invite people.
            </p>
          </EmptyState>
        }
      >
        {(list) => (
          <ul class="chamber-list" aria-label="Public chambers">
            <For each={list()}>
              {(c) => (
                <ChamberSummary
                  chamber={c}
                  action={
                    <Show
                      when={!c.isMember}
                      fallback={
                        <A class="btn btn-small" href={`/chambers/${c._id}`} aria-label={`Open ${c.name}`}>
                          Open
                        </A>
                      }
                    >
                      <button
                        type="button"
                        class="btn btn-primary btn-small"
                        disabled={capacity(c.memberCount, c.maxMembers).full || c.membershipStatus === "removed"}
                        aria-label={`Join ${c.name}`}
                        onClick={() => join(c)}
                      >
                        {c.membershipStatus === "removed"
                          ? "Removed"
                          : capacity(c.memberCount, c.maxMembers).full
                            ? "Full"
                            : "Join"}
                      </button>
                    </Show>
                  }
                />
              )}
            </For>
          </ul>
        )}
      </RemoteResults>
    </section>
  );
}
