// Scheduled functions the server runs itself: jobs restored from disk and far-future jobs, and crons.
import { jsonToConvex, type Value } from "convex/values";
import { nextRun, type CronSchedule } from "./cronSpec";
import { stalledJob, type Engine } from "./engine";
import type { DatabaseFake } from "./internals";

/** setTimeout's limit; longer waits are chained. */
export const MAX_TIMER_MS = 2_147_000_000;

type Patchable = DatabaseFake & { patch(table: string, id: string, value: object): void };

export class Jobs {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly engine: Engine) {}

  at(at: number, fn: () => void): void {
    if (this.stopped) return;
    const delay = Math.max(0, at - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (delay > MAX_TIMER_MS) this.at(at, fn);
      else fn();
    }, Math.min(delay, MAX_TIMER_MS));
    this.timers.add(timer);
  }

  /** After a restart: every job still pending (or cut off mid-run) gets a timer again. */
  rearm(): number {
    let count = 0;
    for (const job of [...this.engine.documentsOf("_scheduled_functions")]) {
      const kind = (job.state as { kind?: string } | undefined)?.kind;
      if (kind !== "pending" && kind !== "inProgress") continue;
      count++;
      this.at(Number(job.scheduledTime), () => this.start(job._id, kind === "inProgress"));
    }
    return count;
  }

  /** Runs a job from a timer: a state change the disk refused leaves it as the disk has it, for the next start. */
  private start(jobId: string, interrupted = false): void {
    this.runJob(jobId, interrupted).catch((error: unknown) => stalledJob(jobId, error));
  }

  /** The way convex-test does: no identity, state moves along. */
  async runJob(jobId: string, interrupted = false): Promise<void> {
    const job = await this.engine.transact(async (db) => {
      const row = db.get("_scheduled_functions", jobId);
      const state = (row?.state as { kind?: string } | undefined)?.kind;
      if (!row || (state !== "pending" && state !== "inProgress")) return null;
      (db as Patchable).patch("_scheduled_functions", jobId, { state: { kind: "inProgress" } });
      return row;
    });
    if (!job) return;
    const finish = async (kind: "success" | "failed") =>
      await this.engine.transact(async (db) => {
        (db as Patchable).patch("_scheduled_functions", jobId, { state: { kind }, completedTime: Date.now() });
      });
    try {
      const name = String(job.name);
      const { kind } = await this.engine.functions.resolve(name, { allowInternal: true });
      // An action cut off by a crash may have had effects: like Convex, never run it twice.
      if (kind === "action" && interrupted) return await finish("failed");
      const args = ((job.args as Value[] | undefined)?.[0] ?? {}) as Record<string, Value>;
      await this.engine.call(kind, name, args, null);
      await finish("success");
    } catch (error) {
      console.error(`local backend: scheduled function ${String(job.name)} failed:`, error);
      await finish("failed");
    }
  }

  /** A runAt further than a Node timer can wait: the row is written as convex-test does, this class fires it. */
  scheduleFar(db: DatabaseFake, name: string, args: Value, runAtMs: number): string {
    const id = (db as DatabaseFake & { insert(table: string, value: object): string }).insert("_scheduled_functions", {
      args: [args],
      name,
      scheduledTime: runAtMs,
      state: { kind: "pending" },
    });
    this.at(runAtMs, () => this.start(id));
    return id;
  }

  async startCrons(): Promise<number> {
    if (!this.engine.functions.hasModule("crons")) return 0;
    const module = await this.engine.functions.load("crons");
    const crons = (module?.default as { crons?: Record<string, { name: string; args: unknown[]; schedule: CronSchedule }> } | undefined)?.crons;
    if (!crons) return 0;
    for (const [identifier, job] of Object.entries(crons)) this.scheduleCron(identifier, job);
    return Object.keys(crons).length;
  }

  private scheduleCron(identifier: string, job: { name: string; args: unknown[]; schedule: CronSchedule }): void {
    const next = nextRun(job.schedule, Date.now(), identifier);
    this.at(next, () => {
      void this.runCron(identifier, job).finally(() => this.scheduleCron(identifier, job));
    });
  }

  private async runCron(identifier: string, job: { name: string; args: unknown[] }): Promise<void> {
    try {
      const { kind } = await this.engine.functions.resolve(job.name, { allowInternal: true });
      const args = jsonToConvex((job.args[0] ?? {}) as never) as Record<string, Value>;
      await this.engine.call(kind, job.name, args, null);
    } catch (error) {
      console.error(`local backend: cron "${identifier}" (${job.name}) failed:`, error);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

