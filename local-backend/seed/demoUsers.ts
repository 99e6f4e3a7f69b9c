// The demo accounts created on first start (also listed on the sign-in screen).
export type DemoUser = {
  /** The sign-in name (dev token subject `dev|<username>`). */
  username: string;
  /** The username inside the app (chosen at onboarding; "admin" itself is reserved there). */
  handle: string;
  displayName: string;
  firstName: string;
  lastName: string;
  career: string;
  interests: string[];
  lifePhase: string;
  /** Mood journal entries, oldest first (the last one is the current mood). */
  moods: { mood: string; note?: string }[];
  /** Shown on the sign-in screen. */
  description: string;
  role?: "super_admin" | "admin";
};

export const DEMO_USERS: DemoUser[] = [
  {
    username: "alice",
    handle: "alice",
    displayName: "Alice",
    firstName: "Alice",
    lastName: "Moreau",
    career: "Designer",
    interests: ["photography", "hiking", "poetry"],
    lifePhase: "early-career",
    moods: [{ mood: "tired", note: "Deadline week." }, { mood: "calm" }, { mood: "grateful", note: "Long walk by the river." }, { mood: "hopeful" }],
    description: "Designer; whispers with Bob (a chain, an image, reactions) and Carol, runs the Night Owls chamber",
  },
  {
    username: "bob",
    handle: "bob",
    displayName: "Bob",
    firstName: "Bob",
    lastName: "Okafor",
    career: "Software engineer",
    interests: ["music", "hiking", "cooking"],
    lifePhase: "mid-career",
    moods: [{ mood: "anxious", note: "Big release tomorrow." }, { mood: "happy", note: "It shipped!" }, { mood: "calm" }],
    description: "Engineer; sent Alice a voice whisper, teaches guitar to Erin in the skill exchange",
  },
  {
    username: "carol",
    handle: "carol",
    displayName: "Carol",
    firstName: "Carol",
    lastName: "Lindqvist",
    career: "Nurse",
    interests: ["poetry", "yoga", "reading"],
    lifePhase: "parent",
    moods: [{ mood: "lonely" }, { mood: "tired", note: "Night shifts again." }, { mood: "curious" }, { mood: "tired" }],
    description: "Nurse; sent Dave a mystery whisper (Dave asked her to unmask), runs the private Poetry Circle",
  },
  {
    username: "dave",
    handle: "dave",
    displayName: "Dave",
    firstName: "Dave",
    lastName: "Tanaka",
    career: "Student",
    interests: ["gaming", "music", "photography"],
    lifePhase: "student",
    moods: [{ mood: "bored" }, { mood: "curious" }, { mood: "anxious", note: "Exams in two weeks." }],
    description: "Student; got a mystery whisper and asked the sender to unmask, wants to learn photography",
  },
  {
    username: "erin",
    handle: "erin",
    displayName: "Erin",
    firstName: "Erin",
    lastName: "Walsh",
    career: "Teacher",
    interests: ["reading", "cooking", "yoga"],
    lifePhase: "career-change",
    moods: [{ mood: "sad" }, { mood: "hopeful" }, { mood: "excited", note: "First guitar lesson!" }],
    description: "Teacher; learning guitar from Bob, asked to become an admin",
  },
  {
    username: "admin",
    handle: "ada_admin",
    displayName: "Admin",
    firstName: "Ada",
    lastName: "Admin",
    career: "Community lead",
    interests: ["community", "reading"],
    lifePhase: "mid-career",
    moods: [{ mood: "calm" }],
    description: "Super admin (app username ada_admin): dashboard, role requests, bans, feature flags",
    role: "super_admin",
  },
];

/** username → the name a dev token carries. */
export const DEMO_DISPLAY_NAMES: Record<string, string> = Object.fromEntries(
  DEMO_USERS.map((u) => [u.username, `${u.firstName} ${u.lastName}`]),
);
