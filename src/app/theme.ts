// Applies the theme preference (light / dark / system) to <html data-theme> at once and follows the system.
import type { ThemePreference } from "../../convex/schema";
import { applyThemeColor } from "../pwa/themeColor";

const STORAGE_KEY = "whispers:theme";
const dark = () => window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
let preference: ThemePreference = "system";

function paint() {
  const resolved = preference === "system" ? (dark() ? "dark" : "light") : preference;
  document.documentElement.dataset.theme = resolved;
  applyThemeColor(preference);
}

export function currentThemePreference(): ThemePreference {
  return preference;
}

/** On this device; the server copy syncs through the outbox. */
export function applyTheme(next: ThemePreference): void {
  preference = next;
  localStorage.setItem(STORAGE_KEY, next);
  paint();
}

/** Before first paint. */
export function initTheme(): void {
  const saved = localStorage.getItem(STORAGE_KEY);
  preference = saved === "light" || saved === "dark" ? saved : "system";
  paint();
  window.matchMedia?.("(prefers-color-scheme: dark)").addEventListener?.("change", () => {
    if (preference === "system") paint();
  });
}
