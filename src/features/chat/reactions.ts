// Reactions grouped by emoji for display: count, whether the viewer is among them, and who (unless anonymous).
import type { Reaction } from "../../db/types";

export type ReactionGroup = {
  emoji: string;
  count: number;
  mine: boolean;
  /** "You" first. */
  names: string[];
  /** Reactions by someone hidden from the viewer (a mystery sender): counted, never named. */
  anonymous: number;
};

/** The emoji the quick picker offers. */
export const QUICK_REACTIONS = ["❤️", "😂", "😮", "😢", "👍", "🔥"] as const;

/** In order of first use; `nameOf` undefined shows "Someone"; reactions without a userId (not the viewer's) are anonymous. */
export function groupReactions(reactions: readonly Reaction[], nameOf: (userId: string) => string | undefined, viewerId?: string): ReactionGroup[] {
  const groups = new Map<string, ReactionGroup>();
  for (const r of [...reactions].sort((a, b) => a.at - b.at)) {
    const group = groups.get(r.emoji) ?? { emoji: r.emoji, count: 0, mine: false, names: [], anonymous: 0 };
    group.count++;
    const mine = r.fromViewer === true || (viewerId !== undefined && r.userId === viewerId);
    if (mine) {
      group.mine = true;
      group.names.unshift("You");
    } else if (r.userId) group.names.push(nameOf(r.userId) ?? "Someone");
    else group.anonymous++;
    groups.set(r.emoji, group);
  }
  return [...groups.values()];
}

/** The chip's accessible description: "❤️ 2: You and Bob". */
export function describeGroup(group: ReactionGroup): string {
  const who = [...group.names];
  if (group.anonymous > 0) who.push(group.anonymous === 1 ? "someone anonymous" : `${group.anonymous} anonymous people`);
  const list = who.length <= 1 ? who.join("") : `${who.slice(0, -1).join(", ")} and ${who.at(-1)}`;
  return `${group.emoji} ${group.count}: ${list}`;
}
