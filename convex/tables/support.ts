// Tables the features need beyond the seed model: push, uploads, erasure and export jobs, rate limits, counters, receipts, the sync feed.
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { feedTable } from "./validators";

export const supportTables = {
  pushSubscriptions: defineTable({
    userId: v.id("users"),
    endpoint: v.string(),
    p256dh: v.string(),
    auth: v.string(),
    userAgent: v.optional(v.string()),
    updatedAt: v.number(),
  })
    .index("by_user", ["userId"])
    .index("by_endpoint", ["endpoint"]),

  /** Who uploaded a file and what its bytes are; rows from before registration have no type, size or pending and count as attached. */
  files: defineTable({
    storageId: v.id("_storage"),
    ownerId: v.id("users"),
    kind: v.union(v.literal("image"), v.literal("voice"), v.literal("export")),
    /** The type sniffed from the bytes (an allowlisted one). */
    contentType: v.optional(v.string()),
    size: v.optional(v.number()),
    /** A voice clip's length in seconds, read from the file. */
    duration: v.optional(v.number()),
    /** Registered but not attached to anything yet. */
    pending: v.optional(v.literal(true)),
    updatedAt: v.number(),
  })
    .index("by_storageId", ["storageId"])
    // By owner (erasure) and, within it, the unattached ones (erasure deletes those at once).
    .index("by_owner_pending", ["ownerId", "pending"]),

  /** A running erasure's next step, cursor and batch number (only the due batch runs); the sweep resumes rows that stopped moving. */
  erasures: defineTable({
    userId: v.id("users"),
    step: v.number(),
    after: v.union(v.number(), v.string(), v.null()),
    batch: v.number(),
    updatedAt: v.number(),
    resumes: v.optional(v.number()),
  })
    .index("by_user", ["userId"])
    .index("by_updatedAt", ["updatedAt"]),

  /** `section`/`cursor`: where collecting resumes; `batch`: the next batch's number, so a duplicate or late run does nothing. */
  dataExports: defineTable({
    userId: v.id("users"),
    status: v.union(v.literal("collecting"), v.literal("assembling"), v.literal("done"), v.literal("failed")),
    /** The collecting step (0: the small sections, then each of model/dataExportParts.ts PAGED_SECTIONS) and its page cursor. */
    section: v.number(),
    cursor: v.union(v.string(), v.null()),
    batch: v.number(),
    /** Times the sweep restarted a stalled batch or assembly. */
    resumes: v.number(),
    /** Items collected, parts written, and the estimated share done (0..1). */
    items: v.number(),
    parts: v.number(),
    progress: v.number(),
    /** The finished file (also a `files` row of kind "export", owned by the person) and its size. */
    storageId: v.optional(v.id("_storage")),
    size: v.optional(v.number()),
    error: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_user", ["userId"])
    .index("by_status_updatedAt", ["status", "updatedAt"]),

  /** A bounded slice of a data export's section: `count` items as JSON text (model/dataExportParts.ts), in `seq` order. */
  dataExportParts: defineTable({
    exportId: v.id("dataExports"),
    seq: v.number(),
    section: v.string(),
    count: v.number(),
    json: v.string(),
  }).index("by_export_seq", ["exportId", "seq"]),

  /** Token buckets keyed by "<name>:<userId>". */
  rateLimits: defineTable({
    key: v.string(),
    tokens: v.number(),
    refilledAt: v.number(),
  }).index("by_key", ["key"]),

  /** Dashboard totals, written only by the fold into shard 0 (older data may hold other shards, which reads still add). */
  counters: defineTable({
    name: v.string(),
    shard: v.number(),
    value: v.number(),
  }).index("by_name_shard", ["name", "shard"]),

  /** Counter changes not folded into `counters` yet: each bump inserts one (no shared row to conflict on). */
  counterDeltas: defineTable({
    name: v.string(),
    delta: v.number(),
  }).index("by_name", ["name"]),

  /** Changes of a chamber's member count not folded into echoChambers.memberCount yet (+1 a join, -1 a leave). */
  chamberMemberDeltas: defineTable({
    chamberId: v.id("echoChambers"),
    delta: v.number(),
  }).index("by_chamber", ["chamberId"]),

  /** Receipts of idempotent client operations that create no row of their own (e.g. reactions). */
  clientOps: defineTable({
    userId: v.id("users"),
    clientId: v.string(),
    /** The request's hash (lib/idempotency.ts). Absent on older receipts. */
    requestHash: v.optional(v.string()),
    result: v.any(),
    at: v.number(),
  })
    .index("by_user_clientId", ["userId", "clientId"])
    .index("by_at", ["at"]),

  /** The sync feed: one row per (viewer, document) at its latest change's commit timestamp; ties (one commit) by docId. */
  syncChanges: defineTable({
    userId: v.id("users"),
    commitTs: v.commitTs(),
    table: feedTable,
    docId: v.string(),
    updatedAt: v.number(),
  })
    .index("by_user_commit", ["userId", "commitTs", "docId"])
    .index("by_user_doc", ["userId", "docId"]),
};
