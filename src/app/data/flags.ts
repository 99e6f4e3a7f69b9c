// Feature flags as a Solid accessor: `enabled("VOICE_WHISPERS")` is false only when an admin turned it off.
import type { FeatureName } from "../../../convex/lib/flags";
import { featureFlags } from "../../db/queries";
import { createLive } from "./liveQuery";

export type { FeatureName };

/** Stored flags, offline too; one not stored yet counts as on. Call inside a component. */
export function createFlags(): (name: FeatureName) => boolean {
  const flags = createLive(() => featureFlags());
  return (name) => flags()?.[name] !== false;
}
