// The frame around every signed-in screen: top bar with the sync status, navigation tabs (Admin for admins), content.
import { A, useLocation, useNavigate } from "@solidjs/router";
import { createEffect, For, onCleanup, Show, type JSX } from "solid-js";
import { featureFlags, me } from "../db/queries";
import { createAdminRole } from "../features/admin/role";
import { setAppNavigator } from "../pwa/navigation";
import { Icon, type IconName } from "../ui/Icon";
import { createLive } from "./data/liveQuery";
import { SyncStatusPill } from "./SyncStatusPill";
import { Toasts } from "../ui/Toasts";
import { currentSyncStatus } from "./sessionState";
import { applyTheme, currentThemePreference } from "./theme";

type Tab = { href: string; label: string; icon: IconName; flag?: string; adminOnly?: boolean; matches: RegExp };

const TABS: Tab[] = [
  { href: "/", label: "Whispers", icon: "chat", matches: /^\/($|c\/|new|archived|scheduled|friends)/ },
  { href: "/mood", label: "Mood", icon: "mood", matches: /^\/mood/ },
  { href: "/chambers", label: "Chambers", icon: "rooms", flag: "ECHO_CHAMBERS", matches: /^\/(chambers|join)/ },
  { href: "/skills", label: "Skills", icon: "skills", flag: "SKILL_EXCHANGE", matches: /^\/skills/ },
  { href: "/admin", label: "Admin", icon: "shield", adminOnly: true, matches: /^\/admin/ },
  { href: "/settings", label: "Settings", icon: "settings", matches: /^\/settings/ },
];

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

export function Shell(props: { children?: JSX.Element }) {
  const location = useLocation();
  const navigate = useNavigate();
  // A notification click opens its conversation in this tab without a page load.
  setAppNavigator((path) => navigate(path));
  onCleanup(() => setAppNavigator(null));
  // Ctrl+K / ⌘K, or "/" outside a field, opens search from anywhere.
  const onKey = (event: KeyboardEvent) => {
    const shortcut = (event.key === "k" && (event.ctrlKey || event.metaKey)) || (event.key === "/" && !event.ctrlKey && !event.metaKey && !typingIn(event.target));
    if (!shortcut || event.defaultPrevented) return;
    event.preventDefault();
    if (location.pathname !== "/search") navigate("/search");
    else document.querySelector<HTMLInputElement>(".search-field input")?.focus();
  };
  document.addEventListener("keydown", onKey);
  onCleanup(() => document.removeEventListener("keydown", onKey));
  const flags = createLive(() => featureFlags());
  // The role as last answered (remembered on this device), so the Admin tab is there offline too.
  const { role } = createAdminRole();
  const visible = (tab: Tab) => (!tab.flag || flags()?.[tab.flag] !== false) && (!tab.adminOnly || !!role());
  // The theme chosen on another device arrives with the profile: apply it here too.
  const profile = createLive(() => me());
  createEffect(() => {
    const preference = profile()?.themePreference;
    if (preference && preference !== currentThemePreference()) applyTheme(preference);
  });
  return (
    <div class="shell" classList={{ "shell-chat": /^\/c\//.test(location.pathname) }}>
      <header class="topbar">
        <A href="/" class="brand">
          Whispers
        </A>
        <A href="/search" class="icon-btn" aria-label="Search" title="Search (Ctrl+K)" aria-current={location.pathname === "/search" ? "page" : undefined}>
          <Icon name="search" />
        </A>
        <SyncStatusPill status={currentSyncStatus()} />
      </header>
      <main class="main" id="main">
        {props.children}
      </main>
      <nav class="tabs" aria-label="Main">
        <For each={TABS}>
          {(tab) => (
            <Show when={visible(tab)}>
              <A
                href={tab.href}
                class="tab"
                aria-current={tab.matches.test(location.pathname) ? "page" : undefined}
              >
                <Icon name={tab.icon} size={22} />
                {tab.label}
              </A>
            </Show>
          )}
        </For>
      </nav>
      <Toasts />
    </div>
  );
}
