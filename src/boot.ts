// Entry: styles and theme, then the inbox as last seen (listSnapshot) so a cold start paints at once, then the app.
import "./styles/theme.css";
import "./styles/app.css";
// The list's own styles ship with the first stylesheet: the snapshot paints before the list screen's chunk loads.
import "./features/inbox/conversations.css";
import { showListSnapshot } from "./app/listSnapshot";
import { prefetchDemoAccounts } from "./features/auth/demoAccounts";
import { initTheme } from "./app/theme";

/** After the snapshot's frame is painted: evaluating the app would hold that frame back. */
function afterNextPaint(start: () => void): void {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    document.removeEventListener("visibilitychange", once);
    start();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  // A page hidden meanwhile gets no frames: it starts at once instead.
  document.addEventListener("visibilitychange", once);
}

initTheme();
// The sign-in screen and its demo accounts load beside the app rather than after it (its route would ask only once the app has run).
if (location.pathname === "/signin") {
  prefetchDemoAccounts();
  void import("./features/auth/SignIn");
}
const startApp = () => void import("./main");
if (showListSnapshot() && !document.hidden) afterNextPaint(startApp);
else startApp();
