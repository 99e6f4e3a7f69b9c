"use node";
// Assembling a collected data export into one JSON file (Node: a large file is tens of MB, past the default runtime's memory).
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction } from "./_generated/server";
import { ExportFileWriter, PARTS_PER_READ } from "./model/dataExportParts";

/** Throws, storing nothing, when a part is missing; safe to run twice: the second finish deletes its copy. */
export const assemble = internalAction({
  args: { exportId: v.id("dataExports") },
  returns: v.null(),
  handler: async (ctx, { exportId }) => {
    const start = await ctx.runQuery(internal.dataExports.assembly, { exportId });
    if (!start) return null;
    const writer = new ExportFileWriter(start.exportedAt);
    let read = 0;
    for (let after = -1; after < start.parts - 1; after += PARTS_PER_READ) {
      const parts = await ctx.runQuery(internal.dataExports.parts, { exportId, after });
      if (parts.length !== Math.min(PARTS_PER_READ, start.parts - 1 - after)) break;
      for (const part of parts) writer.add(part);
      read += parts.length;
    }
    if (read !== start.parts) throw new Error(`Data export ${exportId}: ${start.parts - read} of its ${start.parts} parts are missing.`);
    const file = new Blob(writer.finish(), { type: "application/json" });
    const storageId = await ctx.storage.store(file);
    await ctx.runMutation(internal.dataExports.finish, { exportId, storageId, size: file.size });
    return null;
  },
});
