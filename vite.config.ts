// Vite build of the Whispers app (SolidJS) and its PWA: manifest, TypeScript service worker (src/sw.ts), precache.
import { fileURLToPath } from "node:url";
import { defineConfig, loadEnv, type LogLevel, type Plugin } from "vite";
import { VitePWA, type ManifestOptions } from "vite-plugin-pwa";
import solid from "vite-plugin-solid";
import { headersFile, type PolicyOptions } from "./local-backend/http/securityHeaders.ts";

/** The light theme's background (src/pwa/themeColor.ts THEME_COLORS and index.html's theme-color metas match it). */
const LIGHT = "#f6f5fb";

/** The web app manifest, written to dist/manifest.webmanifest. */
const manifest: Partial<ManifestOptions> = {
  id: "/",
  name: "Whispers",
  short_name: "Whispers",
  description: "Anonymous, mood-aware messaging that works offline: whispers, echo chambers, moods and skills.",
  lang: "en",
  dir: "ltr",
  start_url: "/",
  scope: "/",
  display: "standalone",
  orientation: "any",
  theme_color: LIGHT,
  background_color: LIGHT,
  categories: ["social", "lifestyle", "communication"],
  icons: [
    { src: "/pwa-64x64.png", sizes: "64x64", type: "image/png" },
    { src: "/pwa-192x192.png", sizes: "192x192", type: "image/png" },
    { src: "/pwa-512x512.png", sizes: "512x512", type: "image/png", purpose: "any" },
    { src: "/maskable-icon-192x192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
    { src: "/maskable-icon-512x512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
  ],
  screenshots: [
    {
      src: "/screenshots/narrow.png",
      sizes: "720x1280",
      type: "image/png",
      form_factor: "narrow",
      label: "Your whispers, on your phone",
    },
    {
      src: "/screenshots/wide.png",
      sizes: "1280x800",
      type: "image/png",
      form_factor: "wide",
      label: "Whispers on a larger screen",
    },
  ],
  shortcuts: [
    {
      name: "New whisper",
      short_name: "Whisper",
      description: "Write a new whisper",
      url: "/new",
      icons: [{ src: "/pwa-192x192.png", sizes: "192x192", type: "image/png" }],
    },
    {
      name: "Mood",
      short_name: "Mood",
      description: "Log how you feel and find people in the same mood",
      url: "/mood",
      icons: [{ src: "/pwa-192x192.png", sizes: "192x192", type: "image/png" }],
    },
  ],
};

/**
 * src/boot.ts loads the app (src/main.tsx) with a dynamic import after the first paint; this
 * lets the browser fetch it, its chunks and its styles from the start, in parallel with boot.
 */
function preloadApp(): Plugin {
  return {
    name: "whispers:preload-app",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter((c) => c.type === "chunk");
        const app = chunks.find((c) => c.facadeModuleId?.endsWith("/src/main.tsx"));
        if (!app) return [];
        const files = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = chunks.find((c) => c.fileName === fileName);
          if (!chunk || chunk.isEntry || files.has(fileName)) return;
          files.add(fileName);
          chunk.viteMetadata?.importedCss.forEach((css) => styles.add(css));
          chunk.imports.forEach(visit);
        };
        visit(app.fileName);
        return [
          ...[...files].map((file) => ({ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/${file}` }, injectTo: "head" as const })),
          ...[...styles].map((file) => ({ tag: "link", attrs: { rel: "stylesheet", crossorigin: true, href: `/${file}` }, injectTo: "head" as const })),
        ];
      },
    },
  };
}

/**
 * dist/_headers (Netlify / Cloudflare Pages): the same page headers the local backend sends
 * (local-backend/http/securityHeaders.ts), with connect-src for VITE_CONVEX_URL's https and wss.
 * No file extension, so the precache globs below never pick it up.
 */
function staticHostHeaders(policy: PolicyOptions): Plugin {
  return {
    name: "whispers:static-host-headers",
    apply: "build",
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "_headers", source: headersFile(policy) });
    },
  };
}

/** The app build's log level, for the service worker's own build (vite-plugin-pwa runs it without it). */
let appLogLevel: LogLevel | undefined;
const captureLogLevel: Plugin = {
  name: "whispers:log-level",
  configResolved(config) {
    appLogLevel = config.logLevel;
  },
};

/**
 * The service worker's build: as quiet as the app's (`npm start` builds with --logLevel warn), and
 * one file asked for with codeSplitting: false (vite-plugin-pwa asks with rollup's
 * inlineDynamicImports, which Vite 8 warns is deprecated).
 */
function serviceWorkerBuild(): Plugin {
  return {
    name: "whispers:sw-build",
    config(config) {
      if (appLogLevel) config.logLevel = appLogLevel;
      const output = config.build?.rollupOptions?.output;
      if (!output || Array.isArray(output) || !("inlineDynamicImports" in output)) return;
      delete output.inlineDynamicImports;
      Object.assign(output, { codeSplitting: false });
    },
  };
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, fileURLToPath(new URL(".", import.meta.url)), "VITE_");
  return {
    plugins: [
      captureLogLevel,
      solid(),
      preloadApp(),
      staticHostHeaders({ convexUrl: env.VITE_CONVEX_URL || undefined, clerkPublishableKey: env.VITE_CLERK_PUBLISHABLE_KEY || undefined }),
      VitePWA({
        strategies: "injectManifest",
        srcDir: "src",
        filename: "sw.ts",
        registerType: "prompt",
        // Registration happens in src/pwa (useRegisterSW), not through an injected script.
        injectRegister: false,
        manifest,
        // public/ icons are precached by globPatterns below (the plugin adds manifest.webmanifest itself).
        includeManifestIcons: false,
        injectManifest: {
          globPatterns: ["**/*.{js,css,html,svg,png,ico,woff2}"],
          // Screenshots are for install UIs only; source maps never; Clerk's 1.5 MB bundle only when used
          // (an offline start resumes the cached session without loading Clerk).
          globIgnores: ["screenshots/**", "**/*.map", "assets/clerk-*.js"],
          maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
          buildPlugins: { vite: [serviceWorkerBuild()] },
        },
        devOptions: { enabled: false, type: "module" },
      }),
    ],
    build: {
      target: "es2022",
      sourcemap: true,
      // Clerk's bundle (about 1.5 MB) is loaded only when Clerk is configured, after sign-in starts;
      // what the app needs to start is far below this (bench: cold start).
      chunkSizeWarningLimit: 1600,
      // The build's per-plugin timing report is for profiling the build, not for every run.
      rolldownOptions: { checks: { pluginTimings: false } },
    },
    server: { host: "127.0.0.1" },
  };
});
