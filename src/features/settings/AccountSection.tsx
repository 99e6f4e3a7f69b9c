// Your data and this device: export, delete my account (typed confirmation), sign out, remove this device's data.
import { api } from "../../../convex/_generated/api";
import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { currentSyncStatus, forgetThisDevice, signOutHere } from "../../app/sessionState";
import { remoteMutation } from "../../sync/remote";
import { Dialog } from "../../ui/Dialog";
import { errorText } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { toast } from "../../ui/Toasts";
import { DataExport } from "./DataExport";

export function DataSection(props: { username?: string }) {
  const navigate = useNavigate();
  const [deleting, setDeleting] = createSignal(false);
  const [typed, setTyped] = createSignal("");
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  const confirmed = () => !!props.username && typed().trim() === props.username;
  const deleteAccount = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!confirmed()) return setError("Type your username exactly to confirm.");
    setBusy(true);
    setError("");
    try {
      const { erasing } = await remoteMutation(api.users.softDeleteUser, {});
      await forgetThisDevice();
      navigate("/signin", { replace: true });
      toast(erasing ? "Your account was deleted. The rest of your data is being erased on the server; that finishes by itself." : "Your account and all its data were deleted.");
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <DataExport username={props.username} />
      <p class="hint">Deleting your account erases everything you wrote, for good.</p>
      <div class="setting-actions">
        <button type="button" class="btn btn-danger" onClick={() => setDeleting(true)}>
          <Icon name="trash" size={18} />
          Delete my account
        </button>
      </div>
      <Dialog open={deleting()} title="Delete your account?" onClose={() => setDeleting(false)}>
        <form onSubmit={(e) => void deleteAccount(e)}>
          <p>
            Your profile, whispers, mood journal, friends and everything else you wrote are erased. This can't be undone. Your
            account closes at once; erasing a long history can take a few minutes more on the server, without you.
          </p>
          <div class="field">
            <label for="delete-confirm">Type your username ({props.username}) to confirm</label>
            <input id="delete-confirm" autocomplete="off" autocapitalize="none" spellcheck={false} value={typed()} onInput={(e) => setTyped(e.currentTarget.value)} />
          </div>
          <p class="error-text" role="alert">
            {error()}
          </p>
          <div class="dialog-actions">
            <button type="button" class="btn" onClick={() => setDeleting(false)}>
              Keep my account
            </button>
            <button type="submit" class="btn btn-danger-solid" disabled={!confirmed() || busy()}>
              {busy() ? "Deleting…" : "Delete my account"}
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

export function DeviceSection() {
  const navigate = useNavigate();
  const [confirming, setConfirming] = createSignal(false);
  const unsent = () => currentSyncStatus().pending + currentSyncStatus().failed;
  const signOut = async () => {
    await signOutHere();
    navigate("/signin", { replace: true });
  };
  const remove = async () => {
    setConfirming(false);
    await forgetThisDevice();
    navigate("/signin", { replace: true });
    toast("This device's Whispers data was removed.");
  };
  return (
    <>
      <p class="hint">Signing out keeps your whispers on this device for next time, so they open offline.</p>
      <div class="setting-actions">
        <button type="button" class="btn" onClick={() => void signOut()}>
          <Icon name="logout" size={18} />
          Sign out
        </button>
        <button type="button" class="btn btn-danger" onClick={() => setConfirming(true)}>
          <Icon name="trash" size={18} />
          Remove this device's data
        </button>
      </div>
      <Dialog open={confirming()} title="Remove this device's data?" onClose={() => setConfirming(false)}>
        <p>You'll be signed out and everything Whispers stored on this device is deleted. Your account and whispers stay on the server.</p>
        <Show when={unsent() > 0}>
          <p class="error-text">
            {unsent()} change{unsent() === 1 ? " hasn't" : "s haven't"} reached the server yet and will be lost.
          </p>
        </Show>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button type="button" class="btn btn-danger-solid" onClick={() => void remove()}>
            Remove data
          </button>
        </div>
      </Dialog>
    </>
  );
}
