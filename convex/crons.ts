// Recurring jobs: scheduled delivery, counter folds, cleanup sweeps, and resuming stalled exports and erasures.
import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

crons.interval("deliver scheduled whispers", { minutes: 1 }, internal.whispers.processScheduledWhispers, {});
crons.interval("fold dashboard counters", { minutes: 1 }, internal.admin.foldCounters, {});
crons.interval("fold chamber member counts", { minutes: 1 }, internal.echoChambers.foldMemberCounts, {});
crons.interval("delete unclaimed uploads", { hours: 1 }, internal.files.sweepOrphanFiles, {});
crons.interval("prune idempotency receipts", { hours: 24 }, internal.sync.pruneClientOps, {});
crons.interval("resume stalled and delete expired data exports", { minutes: 5 }, internal.dataExports.sweep, {});
crons.interval("resume stalled erasures", { minutes: 5 }, internal.erasure.resumeStalled, {});

export default crons;
