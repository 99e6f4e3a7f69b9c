// /chambers/new: create a chamber (name, topic, member limit, public or private); it opens at once, offline too.
import { A, useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import * as actions from "../../actions";
import { FeatureGate } from "../../app/data/FeatureGate";
import { Icon } from "../../ui/Icon";
import { toast } from "../../ui/Toasts";
import { MEMBERS_MAX, MEMBERS_MIN, NAME_MAX, TOPIC_MAX, validateChamber } from "./invite";
import "../../ui/panels.css";
import "./chambers.css";

export default function NewChamberScreen() {
  return (
    <FeatureGate flag="ECHO_CHAMBERS" title="Echo chambers" off="Echo chambers are turned off" icon="rooms">
      <NewChamber />
    </FeatureGate>
  );
}

function NewChamber() {
  const navigate = useNavigate();
  const [name, setName] = createSignal("");
  const [topic, setTopic] = createSignal("");
  const [maxMembers, setMaxMembers] = createSignal("20");
  const [isPublic, setIsPublic] = createSignal(true);
  const [errors, setErrors] = createSignal<ReturnType<typeof validateChamber>>({});
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const found = validateChamber({ name: name(), topic: topic(), maxMembers: maxMembers(), isPublic: isPublic() });
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`chamber-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const { localId } = await actions.createChamber({
        name: name().trim(),
        topic: topic().trim(),
        maxMembers: Number(maxMembers()),
        isPublic: isPublic(),
      });
      navigate(`/chambers/${localId}`, { replace: true });
    } catch (error) {
      toast(error instanceof Error ? error.message : "Could not create the chamber.", "error");
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (key: "name" | "topic" | "maxMembers") => (
    <Show when={errors()[key]}>
      <span id={`chamber-${key}-error`} class="error-text">
        {errors()[key]}
      </span>
    </Show>
  );
  const described = (key: "name" | "topic" | "maxMembers", hint?: string) =>
    [errors()[key] ? `chamber-${key}-error` : "", hint ?? ""].filter(Boolean).join(" ") || undefined;

  return (
    <section class="page chambers-page" aria-labelledby="new-chamber-title">
      <header class="section-head section-head-start">
        <A href="/chambers" class="icon-btn" aria-label="Back to chambers">
          <Icon name="back" />
        </A>
        <h1 id="new-chamber-title">New chamber</h1>
      </header>
      <form class="card new-chamber-form" onSubmit={submit} novalidate>
        <div class="field">
          <label for="chamber-name">Name</label>
          <input
            id="chamber-name"
            dir="auto"
            maxLength={NAME_MAX}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={errors().name ? "true" : undefined}
            aria-describedby={described("name")}
          />
          {fieldError("name")}
        </div>
        <div class="field">
          <label for="chamber-topic">Topic</label>
          <input
            id="chamber-topic"
            dir="auto"
            maxLength={TOPIC_MAX}
            placeholder="e.g. night owls, poetry, startups"
            value={topic()}
            onInput={(e) => setTopic(e.currentTarget.value)}
            aria-invalid={errors().topic ? "true" : undefined}
            aria-describedby={described("topic", "chamber-topic-hint")}
          />
          <span id="chamber-topic-hint" class="hint">
            People discover public chambers by topic.
          </span>
          {fieldError("topic")}
        </div>
        <div class="field">
          <label for="chamber-maxMembers">Member limit</label>
          <input
            id="chamber-maxMembers"
            type="number"
            inputMode="numeric"
            min={MEMBERS_MIN}
            max={MEMBERS_MAX}
            value={maxMembers()}
            onInput={(e) => setMaxMembers(e.currentTarget.value)}
            aria-invalid={errors().maxMembers ? "true" : undefined}
            aria-describedby={described("maxMembers", "chamber-max-hint")}
          />
          <span id="chamber-max-hint" class="hint">
            From {MEMBERS_MIN} to {MEMBERS_MAX}, you included.
          </span>
          {fieldError("maxMembers")}
        </div>
        <fieldset class="chamber-visibility">
          <legend>Who can join?</legend>
          <label class="choice">
            <input type="radio" name="chamber-visibility" checked={isPublic()} onChange={() => setIsPublic(true)} />
            <span>
              <strong>Public</strong>
              <span class="hint"> Anyone can find it by topic and join.</span>
            </span>
          </label>
          <label class="choice">
            <input type="radio" name="chamber-visibility" checked={!isPublic()} onChange={() => setIsPublic(false)} />
            <span>
              <strong>Private</strong>
              <span class="hint"> Only people with the invite code or link.</span>
            </span>
          </label>
        </fieldset>
        <div class="dialog-actions">
          <A href="/chambers" class="btn">
            Cancel
          </A>
          <button type="submit" class="btn btn-primary" disabled={busy()}>
            Create chamber
          </button>
        </div>
      </form>
    </section>
  );
}
