// Invite codes and links: building the shareable link and reading a code back out of a pasted link or code.

/** The server's alphabet (URL-safe base64). */
const CODE = /^[A-Za-z0-9_-]{4,64}$/;

/** `${origin}/join/<code>`: opens the app and joins the chamber. */
export function inviteLink(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, "")}/join/${encodeURIComponent(code)}`;
}

/** A bare code, or any link whose path ends in /join/<code>. */
export function codeFromInput(input: string): string | undefined {
  const text = input.trim();
  if (CODE.test(text)) return text;
  const match = /\/join\/([^/?#\s]+)/.exec(text);
  if (!match) return undefined;
  let code: string;
  try {
    code = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  return CODE.test(code) ? code : undefined;
}

export function capacity(memberCount: unknown, maxMembers: unknown): { text: string; full: boolean } {
  const count = typeof memberCount === "number" ? memberCount : 0;
  const max = typeof maxMembers === "number" ? maxMembers : 0;
  return { text: `${count} / ${max} members`, full: max > 0 && count >= max };
}

export type NewChamberInput = { name: string; topic: string; maxMembers: string; isPublic: boolean };
export const NAME_MAX = 60;
export const TOPIC_MAX = 40;
export const MEMBERS_MIN = 2;
export const MEMBERS_MAX = 500;

/** The server checks the same rules. */
export function validateChamber(input: NewChamberInput): Partial<Record<"name" | "topic" | "maxMembers", string>> {
  const errors: Partial<Record<"name" | "topic" | "maxMembers", string>> = {};
  const name = input.name.trim();
  const topic = input.topic.trim();
  if (!name) errors.name = "Give the chamber a name.";
  else if (name.length > NAME_MAX) errors.name = `A name can be at most ${NAME_MAX} characters.`;
  if (!topic) errors.topic = "Give the chamber a topic.";
  else if (topic.length > TOPIC_MAX) errors.topic = `A topic can be at most ${TOPIC_MAX} characters.`;
  const max = Number(input.maxMembers);
  if (!Number.isInteger(max) || max < MEMBERS_MIN || max > MEMBERS_MAX) {
    errors.maxMembers = `Choose a whole number from ${MEMBERS_MIN} to ${MEMBERS_MAX}.`;
  }
  return errors;
}
