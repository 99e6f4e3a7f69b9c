// Second entry of index.html: starts the PWA shell (install prompt capture, worker registration and toasts).
import { render } from "solid-js/web";
import { watchInstallPrompt } from "./install";
import { navigateInApp } from "./navigation";
import { ReloadPrompt } from "./ReloadPrompt";
import { onWorkerMessage } from "./worker";

watchInstallPrompt();
onWorkerMessage({ navigate: navigateInApp });

const root = document.getElementById("pwa-root");
if (root) render(() => <ReloadPrompt />, root);
