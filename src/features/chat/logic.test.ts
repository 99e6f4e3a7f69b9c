// Whisper state badges and reaction grouping (pure logic behind WhisperStatus and Reactions).
import { describe, expect, it } from "vitest";
import { describeGroup, groupReactions } from "./reactions";
import { whisperState } from "./whisperState";

describe("whisperState", () => {
  const own = { fromViewer: true, syncState: "synced" as const, status: "delivered" as const };
  it("is pending while the server has not confirmed the whisper", () => {
    expect(whisperState({ ...own, syncState: "pending", isLocal: true })).toBe("pending");
  });
  it("stays delivered while only a reaction on it is queued", () => {
    expect(whisperState({ ...own, syncState: "pending", deliveredAt: 5 })).toBe("delivered");
  });
  it("shows read, delivered, sent and scheduled", () => {
    expect(whisperState({ ...own, deliveredAt: 5, readAt: 9 })).toBe("read");
    expect(whisperState({ ...own, deliveredAt: 5 })).toBe("delivered");
    expect(whisperState(own)).toBe("sent");
    expect(whisperState({ ...own, status: "scheduled" })).toBe("scheduled");
  });
  it("shows failures on any whisper, other states only on the viewer's own", () => {
    expect(whisperState({ ...own, syncState: "failed", isLocal: true })).toBe("failed");
    expect(whisperState({ ...own, fromViewer: false, syncState: "failed" })).toBe("failed");
    expect(whisperState({ ...own, fromViewer: false, deliveredAt: 5 })).toBeNull();
  });
});

describe("groupReactions", () => {
  const names: Record<string, string> = { bob: "Bob" };
  const nameOf = (id: string) => names[id];

  it("groups by emoji in order of first use, counting and naming", () => {
    const groups = groupReactions(
      [
        { emoji: "🔥", at: 3, userId: "bob" },
        { emoji: "❤️", at: 1, userId: "bob" },
        { emoji: "❤️", at: 2, userId: "me", fromViewer: true },
      ],
      nameOf,
      "me",
    );
    expect(groups.map((g) => [g.emoji, g.count, g.mine])).toEqual([
      ["❤️", 2, true],
      ["🔥", 1, false],
    ]);
    expect(groups[0]!.names).toEqual(["You", "Bob"]);
    expect(describeGroup(groups[0]!)).toBe("❤️ 2: You and Bob");
  });

  it("counts a hidden person's reaction without naming them", () => {
    const [group] = groupReactions([{ emoji: "😮", at: 1 }, { emoji: "😮", at: 2, fromViewer: true }], nameOf);
    expect(group).toMatchObject({ count: 2, mine: true, names: ["You"], anonymous: 1 });
    expect(describeGroup(group!)).toBe("😮 2: You and someone anonymous");
  });

  it("recognises the viewer's own reaction by user id", () => {
    expect(groupReactions([{ emoji: "👍", at: 1, userId: "me" }], nameOf, "me")[0]!.mine).toBe(true);
    expect(groupReactions([{ emoji: "👍", at: 1, userId: "zed" }], nameOf, "me")[0]!.names).toEqual(["Someone"]);
  });
});
