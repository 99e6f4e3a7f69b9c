// Sending whispers as a run: one rate-limit bucket, one route per target and one announcement per conversation for many sends.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { requireOnboarded } from "../lib/auth";
import { requestHash } from "../lib/idempotency";
import { openBucket, type Bucket } from "../lib/rateLimit";
import { announceDeliveries, resolveRoute, writeWhisper, type Route, type Target } from "./whisperDelivery";
import { checkContent, whisperByClientId } from "./whispers";

/** What whispers:sendWhisper takes. */
export type SendArgs = Target & { clientId: string; content: string; imageStorageId?: Id<"_storage">; writtenAt?: number };
export type Sent = { whisperId: Id<"whispers">; conversationId: Id<"conversations"> };

/** A failing send writes nothing, except that an image's failed claim may leave a created conversation: only callers that roll back send images. */
export class WhisperRun {
  private bucket: Bucket | null = null;
  private readonly routes = new Map<string, Route>();
  private readonly delivered: Doc<"whispers">[] = [];

  constructor(
    private readonly ctx: MutationCtx,
    private readonly viewer: Doc<"users">,
  ) {}

  /** One send; throws the ConvexError the direct call would (ONBOARDING_REQUIRED, RATE_LIMITED, BLOCKED, INVALID …). */
  async send(args: SendArgs): Promise<Sent> {
    requireOnboarded(this.viewer);
    const { clientId, content, imageStorageId, writtenAt, ...to } = args;
    const hash = await requestHash("whispers:sendWhisper", args);
    const repeat = await whisperByClientId(this.ctx, this.viewer._id, clientId, hash);
    if (repeat) return { whisperId: repeat._id, conversationId: repeat.conversationId! };
    checkContent(content, { allowEmpty: imageStorageId !== undefined });
    this.bucket ??= await openBucket(this.ctx, "whisper", this.viewer._id);
    this.bucket.take();
    try {
      const route = await this.route(to);
      const whisper = await writeWhisper(this.ctx, this.viewer, route, { clientId, requestHash: hash, content, imageStorageId, writtenAt });
      this.delivered.push(whisper);
      return { whisperId: whisper._id, conversationId: route.conversation!._id };
    } catch (error) {
      this.bucket.refund();
      throw error;
    }
  }

  /** Saves the bucket and announces every whisper sent. Call once, after the last send. */
  async finish(): Promise<void> {
    await this.bucket?.save();
    await announceDeliveries(this.ctx, this.delivered, { created: true });
    this.delivered.length = 0;
  }

  /** The target's route, resolved (and its conversation created) by the first send to it. */
  private async route(to: Target): Promise<Route> {
    const key = `${to.recipientId ?? ""}|${to.conversationId ?? ""}|${to.isMystery === true}`;
    const known = this.routes.get(key);
    if (known) return known;
    const route = await resolveRoute(this.ctx, this.viewer, to, { create: true });
    this.routes.set(key, route);
    return route;
  }
}
