// The seed data model's tables: people, whispers and the social graph, the features, admin.
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { adminRequestStatus, adminRole, chamberMemberStatus, conversationStatus, friendStatus, moodEntry, proficiencyLevel, reaction, skillMatchStatus, skillType, themePreference, unmaskingStatus, whisperStatus } from "./validators";

export const productTables = {
  // ── Core user data ──────────────────────────────────────────────────────
  users: defineTable({
    clerkId: v.string(),
    username: v.string(),
    /** Lower-cased username: uniqueness is case-insensitive. */
    usernameLower: v.string(),
    email: v.string(),
    firstName: v.optional(v.string()),
    lastName: v.optional(v.string()),
    displayName: v.string(),
    career: v.optional(v.string()),
    interests: v.array(v.string()),
    mood: v.optional(v.string()),
    lifePhase: v.optional(v.string()),
    moodJournal: v.array(moodEntry),
    themePreference: themePreference,
    pushNotificationToken: v.optional(v.string()),
    isDeleted: v.boolean(),
    deletedAt: v.optional(v.number()),
    isBanned: v.optional(v.boolean()),
    banReason: v.optional(v.string()),
    bannedAt: v.optional(v.number()),
    /** False until the person finished onboarding (chose a username). */
    onboarded: v.boolean(),
    /** Day (UTC, YYYY-MM-DD) the user last acted; feeds the active-users counter. */
    lastActiveDay: v.optional(v.string()),
    updatedAt: v.number(),
  })
    .index("by_clerkId", ["clerkId"])
    .index("by_username", ["username"])
    .index("by_usernameLower", ["usernameLower"])
    .index("by_email", ["email"])
    .index("by_career", ["career"])
    .index("by_mood", ["mood"])
    .index("by_lifePhase", ["lifePhase"])
    .index("by_pushNotificationToken", ["pushNotificationToken"]),

  /**
   * Each person's compact profile: the users fields other people's views and mood matching read,
   * without the journal (a users document with a full journal is ~45 KB, this row a few hundred
   * bytes). Written with the users document by every write of a field it mirrors
   * (model/profiles.ts patchUser); blanked like it by erasure. `updatedAt`: when one of these
   * fields last changed (not the theme or push token). `matchable`: onboarded, not erased, not banned.
   */
  profiles: defineTable({
    userId: v.id("users"),
    username: v.string(),
    displayName: v.string(),
    firstName: v.optional(v.string()),
    lastName: v.optional(v.string()),
    career: v.optional(v.string()),
    interests: v.array(v.string()),
    mood: v.optional(v.string()),
    lifePhase: v.optional(v.string()),
    isDeleted: v.boolean(),
    isBanned: v.boolean(),
    onboarded: v.boolean(),
    matchable: v.boolean(),
    updatedAt: v.number(),
  })
    .index("by_userId", ["userId"])
    // Mood matching's candidates, most recently updated first (moods.ts findMoodMatch).
    .index("by_matchable_mood", ["matchable", "mood", "updatedAt"])
    .index("by_matchable_lifePhase", ["matchable", "lifePhase", "updatedAt"])
    .index("by_matchable_career", ["matchable", "career", "updatedAt"])
    .index("by_matchable_updatedAt", ["matchable", "updatedAt"]),

  // ── Messaging and social graph ──────────────────────────────────────────
  whispers: defineTable({
    senderId: v.id("users"),
    recipientId: v.id("users"),
    content: v.string(),
    conversationId: v.optional(v.id("conversations")),
    imageUrl: v.optional(v.string()),
    imageStorageId: v.optional(v.id("_storage")),
    audioStorageId: v.optional(v.id("_storage")),
    audioDuration: v.optional(v.number()),
    isVoiceModulated: v.optional(v.boolean()),
    scheduledFor: v.optional(v.number()),
    isMystery: v.optional(v.boolean()),
    reactions: v.array(reaction),
    /** Whisper chains: the whisper this one answers, and the first whisper of the chain. */
    parentId: v.optional(v.id("whispers")),
    chainRootId: v.optional(v.id("whispers")),
    /** Client-generated UUID; (senderId, clientId) is unique: creates are exactly-once. */
    clientId: v.string(),
    /** The creating request's hash (lib/idempotency.ts): a clientId reused for another request is refused. Absent on older rows. */
    requestHash: v.optional(v.string()),
    status: whisperStatus,
    deliveredAt: v.optional(v.number()),
    /** When the sender wrote it on their device (model/whisperDelivery.ts writtenAtOf): the time shown. */
    writtenAt: v.optional(v.number()),
    readAt: v.optional(v.number()),
    /** When its sender last changed its text (server time; model/whisperEdits.ts editText). */
    editedAt: v.optional(v.number()),
    /** Tombstone: the sender deleted it, or the sender was erased (GDPR). */
    isDeleted: v.optional(v.boolean()),
    /** Why a scheduled whisper was not delivered, when the server (not its sender) cancelled it. */
    cancelReason: v.optional(v.string()),
    updatedAt: v.number(),
  })
    // The seed's index; sorted by creation, it lists a sender's whispers oldest first (GDPR erasure).
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes
    .index("by_senderId", ["senderId"])
    .index("by_recipientId", ["recipientId"])
    .index("by_sender_clientId", ["senderId", "clientId"])
    .index("by_conversation", ["conversationId", "deliveredAt"])
    .index("by_status_scheduledFor", ["status", "scheduledFor"])
    .index("by_sender_status", ["senderId", "status", "scheduledFor"])
    .index("by_chainRoot", ["chainRootId"]),

  conversations: defineTable({
    participantIds: v.array(v.id("users")),
    status: conversationStatus,
    /** Legacy seed fields; each participant's own choice lives in `conversationParticipants`. */
    isPinned: v.optional(v.boolean()),
    isArchived: v.optional(v.boolean()),
    /** Who started it; the conversation becomes "active" when the other one replies. */
    initiatorId: v.id("users"),
    /** Set for a mystery conversation: this participant stays hidden from the other until unmasked. */
    hiddenParticipantId: v.optional(v.id("users")),
    /** True once an unmasking between the two was accepted. */
    unmasked: v.optional(v.boolean()),
    /** Sorted participant ids plus ":mystery" when mystery, for find-or-create. */
    participantKey: v.string(),
    lastWhisperAt: v.optional(v.number()),
    closedBy: v.optional(v.id("users")),
    updatedAt: v.number(),
  })
    .index("by_status", ["status"])
    .index("by_participantKey", ["participantKey"]),

  /** One row per participant of a conversation: that person's pin, archive and unread state. */
  conversationParticipants: defineTable({
    conversationId: v.id("conversations"),
    userId: v.id("users"),
    isPinned: v.boolean(),
    isArchived: v.boolean(),
    unreadCount: v.number(),
    lastReadAt: v.optional(v.number()),
    /** This participant blocked a mystery conversation itself ("Block this sender"; model/visibility.ts). */
    isBlocked: v.optional(v.boolean()),
    updatedAt: v.number(),
  })
    .index("by_user", ["userId"])
    .index("by_conversation_user", ["conversationId", "userId"]),

  friends: defineTable({
    userId: v.id("users"),
    friendId: v.id("users"),
    status: friendStatus,
    updatedAt: v.number(),
  })
    .index("by_status", ["status"])
    .index("by_userId_friendId", ["userId", "friendId"])
    .index("by_friendId", ["friendId"]),

  // ── Specialised features ────────────────────────────────────────────────
  echoChambers: defineTable({
    name: v.string(),
    topic: v.string(),
    /** Lower-cased topic for discovery. */
    topicLower: v.string(),
    creatorId: v.id("users"),
    inviteCode: v.string(),
    maxMembers: v.number(),
    isPublic: v.boolean(),
    /**
     * Active members as of the last fold of chamberMemberDeltas (a join or leave only inserts a
     * delta, so joins never write this shared row); the live count adds the deltas not folded yet.
     */
    memberCount: v.number(),
    isDeleted: v.optional(v.boolean()),
    updatedAt: v.number(),
  })
    .index("by_topic", ["topic"])
    .index("by_inviteCode", ["inviteCode"])
    .index("by_public_topic", ["isPublic", "topicLower"]),

  chamberMembers: defineTable({
    chamberId: v.id("echoChambers"),
    userId: v.id("users"),
    /** The anonymous name this member speaks under in this chamber. */
    alias: v.string(),
    status: chamberMemberStatus,
    joinedAt: v.number(),
    /**
     * The commit of the latest (re)join: members are ordered by it, so a join's follow-up
     * (model/chamberMembership.ts settleJoin) reads only members who joined before it, a range no
     * later join can write into. Absent on rows older than it (they sort first).
     */
    joinTs: v.optional(v.commitTs()),
    updatedAt: v.number(),
  })
    .index("by_chamber_status_join", ["chamberId", "status", "joinTs"])
    .index("by_chamber_user", ["chamberId", "userId"])
    .index("by_chamber_alias", ["chamberId", "alias"])
    .index("by_user", ["userId"]),

  chamberMessages: defineTable({
    chamberId: v.id("echoChambers"),
    /** Never sent to clients: members see only the alias. */
    authorId: v.id("users"),
    alias: v.string(),
    content: v.string(),
    clientId: v.string(),
    /** The posting request's hash (lib/idempotency.ts). Absent on older rows. */
    requestHash: v.optional(v.string()),
    isDeleted: v.optional(v.boolean()),
    updatedAt: v.number(),
  })
    .index("by_chamber", ["chamberId"])
    .index("by_author_clientId", ["authorId", "clientId"]),

  skills: defineTable({
    userId: v.id("users"),
    skillName: v.string(),
    skillNameLower: v.string(),
    type: skillType,
    proficiencyLevel: proficiencyLevel,
    description: v.optional(v.string()),
    isDeleted: v.optional(v.boolean()),
    updatedAt: v.number(),
  })
    .index("by_user", ["userId"])
    .index("by_name_type", ["skillNameLower", "type"])
    .searchIndex("search_skillName", { searchField: "skillName", filterFields: ["type"] }),

  skillMatches: defineTable({
    teacherId: v.id("users"),
    learnerId: v.id("users"),
    offeringSkillId: v.id("skills"),
    seekingSkillId: v.optional(v.id("skills")),
    skillName: v.string(),
    proposerId: v.id("users"),
    status: skillMatchStatus,
    conversationId: v.optional(v.id("conversations")),
    updatedAt: v.number(),
  })
    .index("by_teacher", ["teacherId"])
    .index("by_learner", ["learnerId"])
    .index("by_offeringSkill", ["offeringSkillId"]),

  unmaskingRequests: defineTable({
    requesterId: v.id("users"),
    targetId: v.id("users"),
    conversationId: v.id("conversations"),
    status: unmaskingStatus,
    respondedAt: v.optional(v.number()),
    updatedAt: v.number(),
  })
    .index("by_conversation_status", ["conversationId", "status"])
    // Also answers "between these two" (areUnmasked) with requesterId and targetId.
    .index("by_requester", ["requesterId", "targetId"])
    .index("by_target", ["targetId"]),

  // ── Admin and system ────────────────────────────────────────────────────
  adminRoles: defineTable({
    userId: v.id("users"),
    role: adminRole,
    grantedBy: v.optional(v.id("users")),
    updatedAt: v.number(),
  })
    .index("by_user", ["userId"])
    .index("by_role", ["role"]),

  adminRequests: defineTable({
    userId: v.id("users"),
    requestType: adminRole,
    reason: v.optional(v.string()),
    status: adminRequestStatus,
    reviewedBy: v.optional(v.id("users")),
    reviewedAt: v.optional(v.number()),
    updatedAt: v.number(),
  })
    .index("by_status", ["status"])
    .index("by_user", ["userId"]),

  featureFlags: defineTable({
    name: v.string(),
    enabled: v.boolean(),
    description: v.optional(v.string()),
    updatedBy: v.optional(v.id("users")),
    updatedAt: v.number(),
  }).index("by_name", ["name"]),
};
