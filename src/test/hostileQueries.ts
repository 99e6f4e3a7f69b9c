// The live readers of the hostile-payload tests (src/test/hostile*.test.tsx): what they deliver is set per run, read synchronously.
import type * as Queries from "../db/queries";

/** What the mocked readers and the fake server answer; each test sets it before rendering. */
export const data = {
  chamberMessages: [] as unknown[],
  chamberMembers: [] as unknown[],
  skillMatches: [] as unknown[],
  mySkills: [] as unknown[],
  remote: {} as Record<string, unknown>,
};

/**
 * `../db/queries` with the readers the screens under test use answering from `data` at once.
 * Each test file mocks the module with it: `vi.mock("../db/queries", async (original) =>
 * (await import("./hostileQueries")).mockQueries(await original()))`.
 */
export function mockQueries(real: typeof Queries): typeof Queries {
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
  } as unknown as typeof Queries;
}
