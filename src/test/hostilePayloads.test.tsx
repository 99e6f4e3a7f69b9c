// @vitest-environment jsdom
// Bad input in the UI: generated hostile strings shown by every component that displays other people's or the server's text never become markup.
import { MemoryRouter, Route } from "@solidjs/router";
import { fireEvent } from "@solidjs/testing-library";
import { ConvexError } from "convex/values";
import fc from "fast-check";
import type { JSX } from "solid-js";
import { render } from "solid-js/web";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AccountRefused } from "../app/AccountRefused";
import type { LocalConversation, LocalDoc, LocalWhisper } from "../db/types";
import { RoleRequests } from "../features/admin/RoleRequests";
import { UserAdmin } from "../features/admin/UserAdmin";
import { ChamberSummary } from "../features/chambers/ChamberSummary";
import { DiscoverChambers } from "../features/chambers/DiscoverChambers";
import { Room } from "../features/chambers/Room";
import { ConversationContext } from "../features/conversation/context";
import { ConversationHeader } from "../features/conversation/ConversationHeader";
import { WhisperBubble } from "../features/conversation/WhisperBubble";
import { ConversationRow } from "../features/conversations/ConversationRow";
import { FriendRow, type FriendItem } from "../features/friends/FriendRow";
import { MatchCard } from "../features/mood/MatchCard";
import { MoodJournal } from "../features/mood/MoodJournal";
import { ListingCard } from "../features/skills/ListingCard";
import { SkillListings } from "../features/skills/SkillListings";
import { SkillMatches } from "../features/skills/SkillMatches";
import { setRemoteTransport } from "../sync/remote";
import type { Transport } from "../sync/transport";
import { errorText as convexErrorText } from "../ui/errorText";
import { errorText } from "../ui/format";
import { toast, Toasts } from "../ui/Toasts";
import { dangersIn, hostileName, hostileString, shapeOf, twinFields, twinOf } from "./hostile";

const NUM_RUNS = 30;
const AT = Date.UTC(2025, 4, 6, 12, 30);

// ── What the live readers and the server answer: set per run, read synchronously ──────────────

const data = vi.hoisted(() => ({
  chamberMessages: [] as unknown[],
  chamberMembers: [] as unknown[],
  skillMatches: [] as unknown[],
  mySkills: [] as unknown[],
  remote: {} as Record<string, unknown>,
}));

vi.mock("../db/queries", async (importOriginal) => {
  const real = await importOriginal<typeof import("../db/queries")>();
  const fixed = (get: () => unknown) => ({
    subscribe(next?: ((value: never) => void) | null) {
      next?.(get() as never);
      return { unsubscribe: () => undefined };
    },
  });
  return {
    ...real,
    chamberMessages: () => fixed(() => data.chamberMessages),
    chamberMembers: () => fixed(() => data.chamberMembers),
    skillMatches: () => fixed(() => data.skillMatches),
    mySkills: () => fixed(() => data.mySkills),
    me: () => fixed(() => ({ id: "viewer", username: "viewer", displayName: "Viewer", interests: [], moodJournal: [], journal: [] })),
    failedEntryFor: () => fixed(() => undefined),
    featureFlags: () => fixed(() => ({})),
  };
});

const fakeServer = {
  subscribe(udfPath: string, _args: Record<string, unknown>, onValue: (value: unknown) => void) {
    onValue(data.remote[udfPath]);
    return () => undefined;
  },
  mutation: async () => null,
  upload: async () => "storage-id",
  connection: () => ({ connected: true, hasEverConnected: true }),
  onConnectionChange: () => () => undefined,
} satisfies Transport;

// ── Rendering a payload and its benign twin, and comparing them ───────────────────────────────

type Mounted = { root: HTMLElement; dispose: () => void };

function mount(ui: () => JSX.Element, router: boolean): Mounted {
  const root = document.body.appendChild(document.createElement("div"));
  const dispose = render(
    () => (router ? <MemoryRouter>{[<Route path="*" component={() => ui()} />]}</MemoryRouter> : ui()),
    root,
  );
  return { root, dispose };
}

function unmount(m: Mounted) {
  m.dispose();
  m.root.remove();
}

type Options<F> = {
  /** Wrap in a router (for components with links or navigation). */
  router?: boolean;
  /** Prepares the world (live readers, server answers) for these fields before rendering. */
  setup?: (f: F) => void;
  /** Runs after mounting (type, click, raise a toast). */
  act?: (root: HTMLElement, f: F) => void;
  /** Runs before unmounting. */
  after?: () => void;
};

/**
 * Renders `view` with the hostile `fields` and with their benign twins. The hostile render must
 * hold no dangerous element, handler or script URL and have exactly the twin's shape (same
 * elements with the same attribute names); `check` proves the text arrived verbatim.
 */
function expectInert<F extends Record<string, unknown>>(
  fields: F,
  view: (f: F) => JSX.Element,
  check: (body: HTMLElement, f: F) => void,
  options: Options<F> = {},
): void {
  const renderShape = (f: F, inspect?: (body: HTMLElement) => void): string[] => {
    options.setup?.(f);
    const m = mount(() => view(f), options.router ?? false);
    try {
      options.act?.(m.root, f);
      inspect?.(document.body);
      return shapeOf(document.body);
    } finally {
      options.after?.();
      unmount(m);
    }
  };
  const hostileShape = renderShape(fields, (body) => {
    expect(dangersIn(body)).toEqual([]);
    check(body, fields);
  });
  const twinShape = renderShape(twinFields(fields));
  expect(hostileShape).toEqual(twinShape);
}

/** The text of `s` is shown as is (nothing to see for an empty string). */
function expectText(body: HTMLElement, s: string | undefined) {
  if (s) expect(body.textContent).toContain(s);
}

/** Runs a property with the file's run count. */
function holds<F>(arb: fc.Arbitrary<F>, predicate: (f: F) => void) {
  fc.assert(fc.property(arb, predicate), { numRuns: NUM_RUNS });
}

beforeEach(() => {
  setRemoteTransport(fakeServer);
  vi.spyOn(console, "error");
});

afterEach(() => {
  // A render that logged an error (e.g. a thrown effect Solid reported) counts as a failure.
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
  setRemoteTransport(null);
  document.body.innerHTML = "";
});

// ── Conversations ─────────────────────────────────────────────────────────────────────────────

const conversationOf = (counterpart: LocalConversation["counterpart"], extra: Partial<LocalConversation> = {}): LocalConversation => ({
  id: "c1",
  syncState: "synced",
  status: "active",
  counterpartId: "bob",
  isMystery: false,
  counterpartHidden: false,
  counterpart,
  isPinned: false,
  isArchived: false,
  unreadCount: 2,
  lastActivityAt: AT,
  listRank: AT,
  ...extra,
});

/** The name a conversation shows for the other person (display name, else username). */
const shownName = (displayName: string, username?: string) => displayName || username || "Unknown";
const fullName = (first?: string, last?: string) => [first, last].filter(Boolean).join(" ").trim();

describe("no payload renders as markup", () => {
  it("a whisper bubble: content, reply preview, reaction emoji, sender name, failure reason", () => {
    const arb = fc.record({
      content: hostileString,
      parentContent: hostileString,
      emoji: hostileString,
      senderName: hostileString,
      syncError: hostileString,
    });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => {
          const conversation = conversationOf({ displayName: f.senderName });
          const whisper: LocalWhisper = {
            id: "w2",
            clientId: "w2",
            conversationId: "c1",
            sortKey: AT,
            status: "delivered",
            fromViewer: false,
            senderId: "bob",
            content: f.content,
            reactions: [
              { emoji: f.emoji, at: 1, userId: "bob" },
              { emoji: "👍", at: 2, fromViewer: true },
            ],
            parentId: "w1",
            chainRootId: "w1",
            syncState: "failed",
            syncError: f.syncError,
          };
          const parent = { ...whisper, id: "w1", content: f.parentContent, parentId: undefined };
          return (
            <ConversationContext.Provider
              value={{
                conversation: () => conversation,
                viewerId: () => "viewer",
                nameOf: () => f.senderName,
                enabled: () => true,
                reply: () => undefined,
              }}
            >
              <WhisperBubble whisper={whisper} parent={parent} />
            </ConversationContext.Provider>
          );
        },
        (body, f) => {
          expectText(body, f.content);
          expectText(body, f.parentContent || "A whisper");
          expectText(body, f.emoji);
          expectText(body, f.syncError);
          expect(body.querySelector("article")!.getAttribute("aria-label")).toBe(`Whisper from ${shownName(f.senderName)}`);
        },
        { router: true },
      ),
    );
  });

  it("a conversation list row: counterpart display name and username, last whisper preview", () => {
    const arb = fc.record({ displayName: hostileString, username: hostileString, preview: hostileString, fromViewer: fc.boolean() });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => (
          <ul>
            <ConversationRow
              conversation={conversationOf(
                { displayName: f.displayName, username: f.username },
                { lastWhisperPreview: f.preview, lastWhisperFromViewer: f.fromViewer, lastWhisperAt: AT },
              )}
            />
          </ul>
        ),
        (body, f) => {
          expect(body.querySelector(".conv-name")!.textContent).toBe(shownName(f.displayName, f.username));
          expect(body.querySelector(".conv-preview")!.textContent).toBe(f.fromViewer && f.preview ? `You: ${f.preview}` : f.preview);
        },
        { router: true },
      ),
    );
  });

  it("the conversation header: display name and, once unmasked, real names", () => {
    const arb = fc.record({ displayName: hostileString, firstName: hostileString, lastName: hostileString });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => (
          <ConversationHeader
            conversation={conversationOf({ displayName: f.displayName, firstName: f.firstName, lastName: f.lastName }, { isMystery: true, unmasked: true })}
            canRequestUnmask
            enabled={() => true}
          />
        ),
        (body, f) => {
          expect(body.querySelector("h1")!.textContent).toBe(shownName(f.displayName));
          expectText(body, fullName(f.firstName, f.lastName));
        },
        { router: true },
      ),
    );
  });
});

// ── Chambers ──────────────────────────────────────────────────────────────────────────────────

describe("no chamber payload renders as markup", () => {
  it("a chamber room: name, topic, own alias, messages (alias, content, refusal), member aliases", () => {
    const arb = fc.record({
      name: hostileString,
      topic: hostileString,
      yourAlias: hostileString,
      alias: hostileString,
      content: hostileString,
      ownContent: hostileString,
      syncError: hostileString,
      memberAlias: hostileString,
    });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => {
          const chamber: LocalDoc = {
            id: "ch1",
            syncState: "synced",
            name: f.name,
            topic: f.topic,
            yourAlias: f.yourAlias,
            inviteCode: "abc123def456",
            isPublic: true,
            memberCount: 3,
            maxMembers: 10,
            isCreatorYou: true,
          };
          return <Room chamber={chamber} />;
        },
        (body, f) => {
          expect(body.querySelector("h1")!.textContent).toBe(f.name);
          expectText(body, `#${f.topic}`);
          expectText(body, f.yourAlias);
          const messages = [...body.querySelectorAll(".chamber-message")];
          expect(messages.map((m) => m.querySelector(".chamber-message-alias")!.textContent)).toEqual([f.alias, "You"]);
          expect(messages.map((m) => m.querySelector(".chamber-message-text")!.textContent)).toEqual([f.content, f.ownContent]);
          expectText(body, `Not sent: ${f.syncError}`);
          expectText(body, f.memberAlias);
        },
        {
          router: true,
          setup: (f) => {
            data.chamberMessages = [
              { id: "m1", clientId: "m1", chamberId: "ch1", alias: f.alias, content: f.content, sortKey: AT, syncState: "synced" },
              { id: "m2", clientId: "m2", chamberId: "ch1", alias: "x", content: f.ownContent, fromYou: true, sortKey: AT + 1, syncState: "failed", syncError: f.syncError },
            ];
            data.chamberMembers = [
              { id: "me1", chamberId: "ch1", alias: f.yourAlias, isYou: true, joinedAt: 1, syncState: "synced" },
              { id: "me2", chamberId: "ch1", alias: f.memberAlias, joinedAt: 2, syncState: "synced" },
            ];
          },
        },
      ),
    );
  });

  it("discovered public chambers (server answer): name and topic", () => {
    holds(fc.record({ name: hostileString, topic: hostileString }), (fields) =>
      expectInert(fields, () => <DiscoverChambers />, (body, f) => {
        expect(body.querySelector(".chamber-item-name")!.textContent).toBe(f.name);
        expectText(body, `#${f.topic}`);
        expect(body.querySelector(".chamber-item-action [aria-label]")!.getAttribute("aria-label")).toBe(`Join ${f.name}`);
      }, {
        router: true,
        setup: (f) => {
          data.remote["echoChambers:discover"] = [
            { _id: "ch1", name: f.name, topic: f.topic, isPublic: true, maxMembers: 9, memberCount: 1, isMember: false, _creationTime: AT, updatedAt: AT },
          ];
        },
      }),
    );
  });

  it("a chamber card: name and topic", () => {
    holds(fc.record({ name: hostileString, topic: hostileString }), (fields) =>
      expectInert(
        fields,
        (f) => (
          <ul>
            <ChamberSummary chamber={{ _id: "ch1", name: f.name, topic: f.topic, isPublic: true, memberCount: 2, maxMembers: 5 }} action={<button type="button">Join</button>} />
          </ul>
        ),
        (body, f) => {
          expect(body.querySelector(".chamber-item-name")!.textContent).toBe(f.name);
          expectText(body, `#${f.topic}`);
        },
      ),
    );
  });
});

// ── Mood ──────────────────────────────────────────────────────────────────────────────────────

describe("no mood payload renders as markup", () => {
  it("a mood journal entry: its note", () => {
    holds(fc.record({ note: hostileString, other: hostileString }), (fields) =>
      expectInert(
        fields,
        (f) => (
          <MoodJournal
            entries={[
              { mood: "calm", note: f.note, at: AT },
              { mood: "happy", note: f.other, at: AT - 86_400_000, pending: true },
            ]}
            onEdit={() => undefined}
            onDelete={() => undefined}
          />
        ),
        (body, f) => {
          expect([...body.querySelectorAll(".mood-entry-note")].map((p) => p.textContent)).toEqual([f.note, f.other].filter(Boolean));
        },
      ),
    );
  });

  it("a mood match card: display name, username, career, life phase, shared interests", () => {
    const arb = fc.record({
      displayName: hostileString,
      username: hostileString,
      career: hostileString,
      lifePhase: hostileString,
      interests: fc.array(hostileString, { maxLength: 4 }),
    });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => (
          <ul>
            <MatchCard
              match={{
                user: { _id: "u1", username: f.username, displayName: f.displayName, mood: "calm", career: f.career, lifePhase: f.lifePhase, interests: f.interests },
                score: 0.8,
                parts: { mood: 0.4, interests: 0.1, lifePhase: 0.15, career: 0.15 },
                sharedInterests: f.interests,
              }}
              rank={1}
              viewer={{ mood: "calm" }}
              onWhisper={() => undefined}
              busy={false}
            />
          </ul>
        ),
        (body, f) => {
          expect(body.querySelector(".match-name")!.textContent).toBe(f.displayName);
          expectText(body, `@${f.username}`);
          if (f.career) expectText(body, `Same career: ${f.career}.`);
          if (f.lifePhase) expectText(body, `Same life phase: ${f.lifePhase}.`);
          const tags = [...body.querySelectorAll("[aria-label='Shared interests'] li")].map((li) => li.textContent);
          expect(tags).toEqual(f.interests);
          expect(body.querySelector(".match-whisper")!.textContent).toBe(`Whisper to ${f.displayName}`);
        },
      ),
    );
  });
});

// ── Skills ────────────────────────────────────────────────────────────────────────────────────

describe("no skill payload renders as markup", () => {
  it("someone's listing card: skill name, description, owner, note", () => {
    const arb = fc.record({ skillName: hostileString, description: hostileString, displayName: hostileString, username: hostileString, note: hostileString });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => (
          <ul>
            <ListingCard
              listing={{
                _id: "s1",
                skillName: f.skillName,
                type: "offering",
                proficiencyLevel: "advanced",
                description: f.description,
                isYours: false,
                owner: { _id: "u1", displayName: f.displayName, username: f.username },
              }}
              note={f.note}
            />
          </ul>
        ),
        (body, f) => {
          expectText(body, f.skillName);
          expectText(body, f.description);
          expectText(body, `${f.displayName} @${f.username}`);
          expectText(body, f.note);
        },
      ),
    );
  });

  it("skill matches: skill name, counterpart name, refusal", () => {
    const arb = fc.record({ skillName: hostileString, displayName: hostileString, syncError: hostileString });
    holds(arb, (fields) =>
      expectInert(fields, () => <SkillMatches />, (body, f) => {
        expect(body.querySelector(".skill-name")!.textContent).toBe(f.skillName);
        expectText(body, `${f.displayName} teaches you ${f.skillName.toLowerCase()}`);
        expectText(body, `Not sent: ${f.syncError}`);
      }, {
        router: true,
        setup: (f) => {
          data.skillMatches = [
            { id: "sm1", syncState: "failed", syncError: f.syncError, status: "pending", skillName: f.skillName, teacherIsYou: false, counterpart: { _id: "u1", displayName: f.displayName }, offeringSkillId: "s1" },
          ];
        },
      }),
    );
  });

  it("own listings: skill name, description, refusal", () => {
    const arb = fc.record({ skillName: hostileName, description: hostileString, syncError: hostileString });
    holds(arb, (fields) =>
      expectInert(fields, () => <SkillListings />, (body, f) => {
        expectText(body, f.skillName);
        expectText(body, f.description);
        expectText(body, `Not sent: ${f.syncError}`);
      }, {
        setup: (f) => {
          data.mySkills = [
            { id: "s1", syncState: "failed", syncError: f.syncError, isYours: true, type: "offering", skillName: f.skillName, description: f.description, proficiencyLevel: "expert" },
          ];
        },
      }),
    );
  });
});

// ── People, admin, account, notices ───────────────────────────────────────────────────────────

describe("no people, admin or server payload renders as markup", () => {
  it("a friend row: display name, username, real names, refusal", () => {
    const arb = fc.record({ displayName: hostileString, username: hostileString, firstName: hostileString, lastName: hostileString, syncError: hostileString });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => {
          const friend: FriendItem = {
            id: "f1",
            otherUserId: "u1",
            status: "accepted",
            syncState: "failed",
            syncError: f.syncError,
            profile: { id: "u1", syncState: "synced", displayName: f.displayName, username: f.username, firstName: f.firstName, lastName: f.lastName, interests: [], isDeleted: false },
          };
          return (
            <ul>
              <FriendRow friend={friend} />
            </ul>
          );
        },
        (body, f) => {
          expect(body.querySelector(".person-name")!.textContent).toBe(f.displayName || f.username || "Someone you know");
          if (f.username) expectText(body, `@${f.username}`);
          expectText(body, fullName(f.firstName, f.lastName));
          expect(body.querySelector(".error-text")!.textContent).toBe(f.syncError);
        },
        { router: true },
      ),
    );
  });

  it("an admin's user search row and the ban dialog: display name, username", () => {
    const arb = fc.record({ displayName: hostileString, username: hostileString });
    holds(arb, (fields) =>
      expectInert(fields, () => <UserAdmin viewerRole="super_admin" />, (body, f) => {
        expect(body.querySelector(".admin-person-name")!.textContent).toBe(`${f.displayName} @${f.username}`);
        expect(body.querySelector("[aria-label^='Ban ']")!.getAttribute("aria-label")).toBe(`Ban ${f.username}`);
        // The ban dialog, opened by the click, names the person in its title and text.
        expect(body.querySelector("dialog .dialog-title")!.textContent).toBe(`Ban ${f.displayName}?`);
        expectText(body, `@${f.username} will no longer`);
      }, {
        setup: (f) => {
          data.remote["admin:searchUsers"] = [{ _id: "u1", username: f.username, displayName: f.displayName, isBanned: false, isDeleted: false, role: "admin" }];
        },
        act: (root) => {
          const input = root.querySelector("input[type=search]") as HTMLInputElement;
          fireEvent.input(input, { target: { value: "a" } });
          fireEvent.submit(input.form!);
          fireEvent.click(root.querySelector("[aria-label^='Ban ']")!);
        },
      }),
    );
  });

  it("admin role requests: requester names and the reason", () => {
    const arb = fc.record({ displayName: hostileString, username: hostileString, reason: hostileString, reviewedName: hostileString });
    holds(arb, (fields) =>
      expectInert(fields, () => <RoleRequests />, (body, f) => {
        expect(body.querySelector(".admin-person-name")!.textContent).toBe(`${f.displayName} @${f.username}`);
        if (f.reason) expect(body.querySelector(".admin-reason")!.textContent).toBe(f.reason);
        expectText(body, `${f.reviewedName} · admin`);
      }, {
        setup: (f) => {
          data.remote["admin:listRequests"] = [
            { _id: "r1", requestType: "admin", reason: f.reason, status: "pending", _creationTime: AT, requester: { _id: "u1", username: f.username, displayName: f.displayName } },
            { _id: "r2", requestType: "admin", status: "approved", _creationTime: AT, reviewedAt: AT, requester: { _id: "u2", username: "x", displayName: f.reviewedName } },
          ];
        },
      }),
    );
  });

  it("the account-refused screen: the ban reason from the server", () => {
    const arb = fc.record({ message: hostileString, banned: fc.boolean() });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => <AccountRefused refusal={{ code: f.banned ? "BANNED" : "DELETED", message: f.message }} />,
        (body, f) => expect(body.querySelector("[role=alert]")!.textContent).toBe(f.message),
        { router: true },
      ),
    );
  });

  describe("toasts", () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it("show server error messages and other notices as text", () => {
      const arb = fc.record({ text: hostileString, serverMessage: hostileString, plainError: hostileString });
      holds(arb, (fields) =>
        expectInert(fields, () => <Toasts />, (body, f) => {
          const shown = [...body.querySelectorAll(".toast")].map((t) => t.textContent);
          expect(shown).toEqual([
            f.text,
            f.serverMessage,
            f.serverMessage,
            `x${f.plainError}`,
          ]);
        }, {
          act: (_root, f) => {
            toast(f.text);
            const refused = new ConvexError({ code: "INVALID", message: f.serverMessage });
            toast(convexErrorText(refused), "error");
            toast(errorText(refused), "error");
            toast(errorText(new Error(`x${f.plainError}`)), "error");
          },
          // Let every toast expire so the next render starts empty.
          after: () => vi.advanceTimersByTime(10_000),
        }),
      );
    });
  });
});

// ── The checks themselves ─────────────────────────────────────────────────────────────────────

describe("the markup checks", () => {
  it("flag dangerous elements, handlers and script URLs (even disguised), and nothing benign", () => {
    const root = document.createElement("div");
    const a = root.appendChild(document.createElement("a"));
    a.setAttribute("href", " \tJaVaScRiPt:alert(1)");
    const img = root.appendChild(document.createElement("img"));
    img.setAttribute("onerror", "alert(1)");
    root.appendChild(document.createElement("iframe"));
    expect(dangersIn(root)).toEqual(['href="javascript:alert(1)" on <a>', "onerror= on <img>", "<iframe> element"]);
    const safe = document.createElement("p");
    safe.setAttribute("aria-label", "<script>javascript:alert(1)</script>");
    safe.textContent = "<img src=x onerror=alert(1)>";
    expect(dangersIn(safe)).toEqual([]);
  });

  it("see an extra element as a change of shape, and twins keep length and trimming", () => {
    const plain = document.createElement("p");
    const marked = document.createElement("p");
    marked.appendChild(document.createElement("b"));
    expect(shapeOf(marked)).not.toEqual(shapeOf(plain));
    expect(twinOf(" <b>\u00a0x😀 ")).toBe(" aaa\u00a0aaa ");
    expect(twinFields({ a: "<i>", list: ["x y"], n: 1 })).toEqual({ a: "aaa", list: ["a a"], n: 1 });
  });
});
