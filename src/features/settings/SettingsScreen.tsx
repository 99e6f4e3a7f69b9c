// Settings: profile, theme, notifications and install, your data (export, delete), this device, admin.
import { Show, type JSX } from "solid-js";
import { me } from "../../db/queries";
import * as actions from "../../actions";
import { createLive } from "../../app/data/liveQuery";
import { toast } from "../../ui/Toasts";
import { AdminSettingsSection } from "../admin/AdminSettingsSection";
import { ProfileForm, profileValues, type ProfileValues } from "../auth/ProfileForm";
import { DataSection, DeviceSection } from "./AccountSection";
import { changedFields } from "./helpers";
import { NotificationsSection } from "./NotificationsSection";
import { ThemeSection } from "./ThemeSection";
import "../auth/auth.css";
import "./settings.css";

function Section(props: { id: string; title: string; children: JSX.Element }) {
  return (
    <section class="card settings-section" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export default function SettingsScreen() {
  const profile = createLive(() => me());
  const save = async (values: ProfileValues) => {
    const changes = changedFields(profileValues(profile()), values);
    if (Object.keys(changes).length === 0) return toast("Nothing to save.");
    await actions.updateProfile(changes);
    toast("Profile saved.");
  };
  return (
    <div class="page settings-page">
      <h1>Settings</h1>
      <Show when={profile()}>
        {(p) => (
          <Section id="settings-profile" title="Profile">
            <Show when={p().id} keyed>
              <ProfileForm initial={profileValues(p())} currentUsername={p().username} submitLabel="Save profile" onSubmit={save} />
            </Show>
          </Section>
        )}
      </Show>
      <Section id="settings-appearance" title="Appearance">
        <ThemeSection preference={profile()?.themePreference} />
      </Section>
      <Section id="settings-notifications" title="Notifications and app">
        <NotificationsSection />
      </Section>
      <Section id="settings-data" title="Your data">
        <DataSection username={profile()?.username} />
      </Section>
      <Section id="settings-device" title="This device">
        <DeviceSection />
      </Section>
      <AdminSettingsSection />
    </div>
  );
}
