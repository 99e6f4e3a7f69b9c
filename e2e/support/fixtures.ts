// Playwright `test` with the product running: the config's baseURL when it starts a server, else one per worker.
import { test as base } from "@playwright/test";
import { startServer } from "./server";

export { expect } from "@playwright/test";

type WorkerFixtures = { server: { url: string } };

/**
 * `server` is worker-scoped: with the config's single worker every spec file shares one server
 * (about 12 s to start with demo data). Specs use fresh accounts, so they don't disturb each other.
 */
export const test = base.extend<object, WorkerFixtures>({
  server: [
    async ({}, use, workerInfo) => {
      const configured = workerInfo.project.use.baseURL ?? process.env.WHISPERS_URL;
      if (configured) return use({ url: configured });
      const server = await startServer();
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    { scope: "worker", timeout: 180_000 },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  contextOptions: async ({ contextOptions }, use) => use({ ...contextOptions, permissions: ["microphone"] }),
});
