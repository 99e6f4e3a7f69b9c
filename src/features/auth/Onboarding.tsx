// Onboarding for a new account: choose a username (checked live), display name, career, interests, life phase.
import { useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { me } from "../../db/queries";
import * as actions from "../../actions";
import { createLive } from "../../app/data/liveQuery";
import { ProfileForm, profileValues, type ProfileValues } from "./ProfileForm";
import "./auth.css";

export default function Onboarding() {
  const navigate = useNavigate();
  const profile = createLive(() => me());
  const finish = async (values: ProfileValues) => {
    await actions.completeOnboarding({
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      career: values.career.trim() || undefined,
      interests: values.interests,
      lifePhase: values.lifePhase.trim() || undefined,
      firstName: values.firstName.trim() || undefined,
      lastName: values.lastName.trim() || undefined,
    });
    navigate("/", { replace: true });
  };
  return (
    <main class="auth-page">
      <div class="card auth-card onboarding-card">
        <h1 class="auth-title">Welcome to Whispers</h1>
        <p class="hint">Choose how people see you. Whispers stay anonymous-friendly: your real name is never shown unless you unmask.</p>
        <Show when={profile.loaded()} fallback={<p role="status">Loading your profile…</p>}>
          <ProfileForm
            initial={profileValues(profile())}
            currentUsername={profile()?.username}
            submitLabel="Start whispering"
            onSubmit={finish}
          />
        </Show>
      </div>
    </main>
  );
}
