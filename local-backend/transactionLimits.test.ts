// Convex's transaction limits and frozen clock in the local backend: refused as a deployment refuses, in its words, over both protocols.
import path from "node:path";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Engine } from "./engine/engine";
import { httpClient, startTestBackend, wsClient, type TestBackend } from "./testing/harness";

const api = anyApi;
const PROBE_DIR = path.join(import.meta.dirname, "testing", "probeConvex");

describe("transaction limits, as a client sees them", () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ convexDir: PROBE_DIR });
  });
  afterAll(async () => {
    await backend?.cleanup();
  });

  const tooManyReads =
    /^\[Request ID: [0-9a-f]+\] Server Error\nUncaught Error: Too many reads in a single function execution \(limit: 4096\)\. Consider using smaller limits in your queries, paginating your queries, or using indexed queries with a selective index range expressions\./;

  test("4,096 index ranges are allowed; one more is Convex's 'Too many reads' over HTTP and over the WebSocket", async () => {
    const http = await httpClient(backend);
    expect(await http.query(api.probe.lookups, { count: 4096 })).toBe(4096);
    await expect(http.query(api.probe.lookups, { count: 4097 })).rejects.toThrow(tooManyReads);
    const ws = wsClient(backend);
    try {
      await expect(ws.query(api.probe.lookups, { count: 4097 })).rejects.toThrow(
        /Too many reads in a single function execution \(limit: 4096\)\. Consider using smaller limits/,
      );
      expect(await ws.query(api.probe.lookups, { count: 10 })).toBe(10);
    } finally {
      await ws.close();
    }
  });

  test("ctx.meta.getTransactionMetrics() in a mutation says what it used and has left, over HTTP and over the WebSocket", async () => {
    const expected = { databaseQueries: { used: 100, remaining: 3996 }, documentsWritten: { used: 1, remaining: 15_999 } };
    const http = await httpClient(backend);
    expect(await http.mutation(api.probe.metricsAfter, { count: 100 })).toEqual(expected);
    const ws = wsClient(backend);
    try {
      expect(await ws.mutation(api.probe.metricsAfter, { count: 100 })).toEqual(expected);
    } finally {
      await ws.close();
    }
  });

  test("16,001 writes are Convex's 'Too many writes', and none of them is committed", async () => {
    const http = await httpClient(backend);
    await expect(http.mutation(api.probe.insertItems, { count: 16_001 })).rejects.toThrow(
      /Uncaught Error: Too many writes in a single function execution \(limit: 16000\)$/,
    );
    expect(await http.query(api.probe.countItems, {})).toBe(0);
    expect(await http.mutation(api.probe.insertItems, { count: 3 })).toBe(3);
  }, 60_000);
});

describe("Date is frozen for a whole query or mutation", () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.create(PROBE_DIR, { store: () => undefined, open: () => null, uploadToken: () => "t" });
  });

  type Clock = { first: number; second: number; date: number; third?: number };

  test("a mutation calling Date.now() twice, 20 ms of work and a write apart, sees one value; new Date() too", async () => {
    const before = Date.now();
    const { value } = await engine.mutation("probe:clockInMutation", { ms: 20 }, null);
    const clock = value as Clock;
    expect(clock.second).toBe(clock.first);
    expect(clock.third).toBe(clock.first);
    expect(clock.date).toBe(clock.first);
    expect(clock.first).toBeGreaterThanOrEqual(before);
    // The next mutation has its own, later, time.
    spinMs(2);
    const next = (await engine.mutation("probe:clockInMutation", { ms: 0 }, null)).value as Clock;
    expect(next.first).toBeGreaterThan(clock.first);
  });

  test("a query sees one value too; an action's clock runs", async () => {
    const query = (await engine.query("probe:clockInQuery", { ms: 20 }, null)).value as Clock;
    expect(query.second).toBe(query.first);
    expect(query.date).toBe(query.first);
    const action = (await engine.action("probe:clockInAction", { ms: 20 }, null)) as Clock;
    expect(action.second - action.first).toBeGreaterThanOrEqual(19);
  });

  test("outside functions the clock is the real one", () => {
    const a = Date.now();
    spinMs(5);
    expect(Date.now() - a).toBeGreaterThanOrEqual(5);
    expect(new Date().getTime()).toBeGreaterThanOrEqual(a + 5);
  });
});

function spinMs(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}
