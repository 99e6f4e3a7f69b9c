// When a room's local id was replaced by the server's, moves the route to the server id (history entry replaced).
import type { Navigator } from "@solidjs/router";
import type { LocalDoc } from "../../db/types";
import { replacedChamberId } from "./resolveId";

export async function resolveRoute(id: string, current: LocalDoc | undefined, navigate: Navigator): Promise<void> {
  if (current) return;
  const next = await replacedChamberId(id);
  if (next) navigate(`/chambers/${next}`, { replace: true });
}
