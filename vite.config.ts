// Vite build of the Whispers app (SolidJS). The local backend serves dist/ and the API on one origin.
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

export default defineConfig({
  plugins: [solid()],
  build: { target: "es2022", sourcemap: true },
  server: { host: "127.0.0.1" },
});
