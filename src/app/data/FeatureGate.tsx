// Shows its children only while a feature flag is on; otherwise says the feature is turned off (flags come through sync).
import { Show, type JSX } from "solid-js";
import { featureFlags } from "../../db/queries";
import { EmptyState } from "../../ui/EmptyState";
import type { IconName } from "../../ui/Icon";
import { createLive } from "./liveQuery";

/** A missing flag counts as on. */
export function createFlag(name: string): () => boolean {
  const flags = createLive(() => featureFlags());
  return () => flags()?.[name] !== false;
}

/** `title` names the screen; `off` says it is off, e.g. "Echo chambers are turned off". */
export function FeatureGate(props: {
  flag: string;
  title: string;
  off: string;
  icon: IconName;
  children: JSX.Element;
}) {
  // eslint-disable-next-line solid/reactivity -- a gate keeps its flag name
  const on = createFlag(props.flag);
  return (
    <Show
      when={on()}
      fallback={
        <section class="page" aria-labelledby="feature-off-title">
          <h1 id="feature-off-title" class="visually-hidden">
            {props.title}
          </h1>
          <EmptyState icon={props.icon} title={props.off}>
            <p>An admin switched this feature off for now. Everything else keeps working.</p>
          </EmptyState>
        </section>
      }
    >
      {props.children}
    </Show>
  );
}
