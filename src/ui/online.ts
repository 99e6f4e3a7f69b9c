// Whether the device is online, as a Solid signal (navigator.onLine plus the browser's online/offline events).
import { createSignal, type Accessor } from "solid-js";

const [onlineNow, setOnlineNow] = createSignal(typeof navigator === "undefined" ? true : navigator.onLine !== false);
if (typeof window !== "undefined") {
  window.addEventListener("online", () => setOnlineNow(true));
  window.addEventListener("offline", () => setOnlineNow(false));
}

/** The server may still be unreachable. */
export const isOnline: Accessor<boolean> = onlineNow;
