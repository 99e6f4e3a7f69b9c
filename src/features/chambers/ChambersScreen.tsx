// /chambers: my chambers (from this device, offline too), join by invite, discover public ones, create a new one.
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { myChambers } from "../../db/queries";
import { EmptyState } from "../../ui/EmptyState";
import { FeatureGate } from "../../app/data/FeatureGate";
import { Icon } from "../../ui/Icon";
import { createLive } from "../../app/data/liveQuery";
import { ChamberSummary } from "./ChamberSummary";
import { DiscoverChambers } from "./DiscoverChambers";
import { JoinByCodeForm } from "./JoinByCodeForm";
import "../../ui/panels.css";
import "./chambers.css";

export default function ChambersScreen() {
  return (
    <FeatureGate flag="ECHO_CHAMBERS" title="Echo chambers" off="Echo chambers are turned off" icon="rooms">
      <Chambers />
    </FeatureGate>
  );
}

function Chambers() {
  const mine = createLive(() => myChambers());
  const sorted = () => [...(mine() ?? [])].sort((a, b) => (Number(b.updatedAt) || 0) - (Number(a.updatedAt) || 0));
  return (
    <section class="page chambers-page" aria-labelledby="chambers-title">
      <header class="section-head">
        <h1 id="chambers-title">Echo chambers</h1>
        <A href="/chambers/new" class="btn btn-primary">
          <Icon name="plus" size={18} /> New chamber
        </A>
      </header>
      <p class="hint chambers-intro">Anonymous rooms around a topic: everyone speaks under a random alias.</p>
      <div class="chambers-grid">
        <section class="card chambers-mine" aria-labelledby="mine-title">
          <h2 id="mine-title">Your chambers</h2>
          <Show
            when={sorted().length > 0}
            fallback={
              <EmptyState icon="rooms" title="You're in no chamber yet">
                <p>Join one below or start your own.</p>
              </EmptyState>
            }
          >
            <ul class="chamber-list" aria-label="Your chambers">
              <For each={sorted()}>
                {(c) => (
                  <ChamberSummary
                    chamber={c}
                    action={
                      <A class="btn btn-small" href={`/chambers/${c.id}`} aria-label={`Open ${String(c.name)}`}>
                        Open
                      </A>
                    }
                  />
                )}
              </For>
            </ul>
          </Show>
        </section>
        <div class="stack">
          <JoinByCodeForm />
          <DiscoverChambers />
        </div>
      </div>
    </section>
  );
}
