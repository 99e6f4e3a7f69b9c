// Recurring jobs: scheduled whisper delivery, the orphan-upload sweep and pruning idempotency receipts.
import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

crons.interval("deliver scheduled whispers", { minutes: 1 }, internal.whispers.processScheduledWhispers, {});
crons.interval("delete unclaimed uploads", { hours: 1 }, internal.files.sweepOrphanFiles, {});
crons.interval("prune idempotency receipts", { hours: 24 }, internal.sync.pruneClientOps, {});

export default crons;
