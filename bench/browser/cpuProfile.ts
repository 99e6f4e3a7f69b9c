// A CPU profile of a page during a benchmark's step, for finding where its time goes (open the file in Chrome DevTools).
import fs from "node:fs";
import type { Page } from "@playwright/test";

/** Runs `body`; with `file`, samples the page's CPU meanwhile (every 200 µs) and writes the profile there. */
export async function cpuProfiled<T>(page: Page, file: string | undefined, body: () => Promise<T>): Promise<T> {
  if (!file) return body();
  const profiler = await page.context().newCDPSession(page);
  await profiler.send("Profiler.enable");
  await profiler.send("Profiler.setSamplingInterval", { interval: 200 });
  await profiler.send("Profiler.start");
  const result = await body();
  fs.writeFileSync(file, JSON.stringify((await profiler.send("Profiler.stop")).profile));
  await profiler.detach();
  return result;
}
