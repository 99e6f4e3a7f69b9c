// Keeps the browser UI colour (<meta name="theme-color">) in step with the theme the user picked.

/** Browser UI colours per colour scheme: the same values as index.html's metas and the manifest (vite.config.ts). */
export const THEME_COLORS = { light: "#f6f5fb", dark: "#0f0d1a" } as const;

/** "light"/"dark" sets both per-scheme metas, so an explicit choice wins over the OS setting. */
export function applyThemeColor(theme: "light" | "dark" | "system", doc: Document = document): void {
  const metas = doc.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]');
  for (const meta of metas) {
    const scheme = (meta.getAttribute("media") ?? "").includes("dark") ? "dark" : "light";
    meta.content = THEME_COLORS[theme === "system" ? scheme : theme];
  }
}
