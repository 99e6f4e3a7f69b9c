// Clerk's own sign-in UI, mounted once @clerk/clerk-js has loaded (only when a publishable key is set).
import { useNavigate } from "@solidjs/router";
import { createSignal, onCleanup, onMount } from "solid-js";
import { adoptClerkSession } from "../../app/sessionState";
import { clerk } from "../../platform/auth";

export function ClerkSignIn() {
  const navigate = useNavigate();
  const [error, setError] = createSignal("");
  let host: HTMLDivElement | undefined;
  let stop: (() => void) | undefined;
  onMount(async () => {
    try {
      const instance = await clerk();
      if (!host) return;
      instance.mountSignIn(host);
      stop = instance.addListener(({ user }) => {
        if (user) void adoptClerkSession().then(() => navigate("/", { replace: true }));
      });
      onCleanup(() => host && instance.unmountSignIn(host));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  });
  onCleanup(() => stop?.());
  return (
    <>
      <div ref={host} aria-label="Sign in with Clerk" />
      <p class="error-text" role="alert">
        {error()}
      </p>
    </>
  );
}
