// The PWA module's public surface for the app: install UI, push, badge, worker messages, theme colour.
export { InstallButton, IosInstallHint } from "./InstallButton";
export { canInstall, isInstalled, needsIosInstallHint, promptInstall } from "./install";
export {
  disablePush,
  enablePush,
  isPushEnabled,
  pushAvailability,
  PUSH_MESSAGES,
  renewPushSubscription,
  type PushAvailability,
  type PushCall,
  type PushResult,
} from "./push";
export { clearAppBadge, setAppBadge } from "./badge";
export { onWorkerMessage, prefetchMedia, requestBackgroundDrain } from "./worker";
export { setAppNavigator } from "./navigation";
export { remotePushCall } from "./pushCall";
export { startPwaSession, type PwaSessionOptions } from "./pwaSession";
export { applyThemeColor } from "./themeColor";
