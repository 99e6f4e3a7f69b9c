// The profile form of onboarding and Settings (username availability checked live).
import { createSignal, createUniqueId, For, Match, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import { errorText } from "../../ui/format";
import { InterestChips } from "./InterestChips";
import { CAREER_MAX, DISPLAY_NAME_MAX, LIFE_PHASE_MAX, LIFE_PHASES, NAME_MAX, usernameFormatProblem, USERNAME_MAX } from "./profileRules";
import { createUsernameCheck } from "./usernameCheck";

export type ProfileValues = {
  username: string;
  displayName: string;
  career: string;
  interests: string[];
  lifePhase: string;
  firstName: string;
  lastName: string;
};

export function ProfileForm(props: {
  initial: ProfileValues;
  /** The username the person already has (no availability check for it). */
  currentUsername?: string;
  submitLabel: string;
  onSubmit: (values: ProfileValues) => Promise<void>;
}) {
  const id = createUniqueId();
  const [values, setValues] = createStore<ProfileValues>({ ...props.initial, interests: [...props.initial.interests] });
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const check = createUsernameCheck(() => values.username, () => props.currentUsername);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problem = usernameFormatProblem(values.username) ?? (values.displayName.trim() ? null : "Choose a display name.");
    const state = check();
    if (problem) return setError(problem);
    if (state.kind === "unavailable") return setError(state.reason);
    setBusy(true);
    setError("");
    try {
      await props.onSubmit({ ...values, interests: [...values.interests] });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const text = (field: Exclude<keyof ProfileValues, "interests">) => ({
    value: values[field],
    onInput: (e: InputEvent & { currentTarget: HTMLInputElement }) => setValues(field, e.currentTarget.value),
  });

  return (
    <form class="profile-form" onSubmit={(e) => void submit(e)} novalidate>
      <div class="field">
        <label for={`${id}-username`}>Username</label>
        <input id={`${id}-username`} autocomplete="username" autocapitalize="none" spellcheck={false} maxLength={USERNAME_MAX} required aria-describedby={`${id}-username-state`} {...text("username")} />
        <p id={`${id}-username-state`} class="username-state" aria-live="polite">
          <Switch fallback={<span class="hint">Letters, digits, “_” and “.”; people find you by it.</span>}>
            <Match when={check().kind === "checking"}>
              <span class="hint">Checking…</span>
            </Match>
            <Match when={check().kind === "available"}>
              <span class="ok-text">✓ Available</span>
            </Match>
            <Match when={check().kind === "unavailable" && check()}>
              {(state) => <span class="error-text">{(state() as { reason: string }).reason}</span>}
            </Match>
            <Match when={check().kind === "unchecked" && check()}>
              {(state) => <span class="hint">{(state() as { reason: string }).reason}</span>}
            </Match>
          </Switch>
        </p>
      </div>
      <div class="field">
        <label for={`${id}-display`}>Display name</label>
        <input id={`${id}-display`} dir="auto" maxLength={DISPLAY_NAME_MAX} required autocomplete="nickname" {...text("displayName")} />
      </div>
      <div class="field">
        <label for={`${id}-career`}>Career</label>
        <input id={`${id}-career`} dir="auto" maxLength={CAREER_MAX} placeholder="e.g. nurse, designer, student" autocomplete="organization-title" {...text("career")} />
      </div>
      <InterestChips id={`${id}-interests`} value={values.interests} onChange={(next) => setValues("interests", next)} />
      <div class="field">
        <label for={`${id}-phase`}>Life phase</label>
        <input id={`${id}-phase`} dir="auto" list={`${id}-phases`} maxLength={LIFE_PHASE_MAX} placeholder="e.g. student, parent, career-change" {...text("lifePhase")} />
        <datalist id={`${id}-phases`}>
          <For each={LIFE_PHASES}>{(phase) => <option value={phase} />}</For>
        </datalist>
      </div>
      <fieldset class="names">
        <legend>Your real name</legend>
        <p class="hint">Hidden from everyone until you and someone agree to unmask.</p>
        <div class="field-row">
          <div class="field">
            <label for={`${id}-first`}>First name</label>
            <input id={`${id}-first`} dir="auto" maxLength={NAME_MAX} autocomplete="given-name" {...text("firstName")} />
          </div>
          <div class="field">
            <label for={`${id}-last`}>Last name</label>
            <input id={`${id}-last`} dir="auto" maxLength={NAME_MAX} autocomplete="family-name" {...text("lastName")} />
          </div>
        </div>
      </fieldset>
      <p class="error-text" role="alert">
        {error()}
      </p>
      <button type="submit" class="btn btn-primary" disabled={busy()}>
        {props.submitLabel}
      </button>
    </form>
  );
}

export function profileValues(p: Partial<Record<keyof ProfileValues, unknown>> | undefined): ProfileValues {
  const s = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    username: s(p?.username),
    displayName: s(p?.displayName),
    career: s(p?.career),
    interests: Array.isArray(p?.interests) ? (p!.interests as string[]) : [],
    lifePhase: s(p?.lifePhase),
    firstName: s(p?.firstName),
    lastName: s(p?.lastName),
  };
}
