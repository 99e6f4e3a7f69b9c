// Your data and this device: export my data, delete my account (typed confirmation), sign out, remove this device's data.
import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { currentSyncStatus, forgetThisDevice, signOutHere } from "../../app/session";
import { remoteMutation } from "../../sync/remote";
import { Dialog } from "../../ui/Dialog";
import { errorText } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { toast } from "../../ui/Toasts";
import { downloadJson, fetchMyData } from "./exportData";
import { exportFileName } from "./helpers";

export function DataSection(props: { username?: string }) {
  const navigate = useNavigate();
  const [exporting, setExporting] = createSignal(false);
  const [deleting, setDeleting] = createSignal(false);
  const [typed, setTyped] = createSignal("");
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  const exportData = async () => {
    setExporting(true);
    try {
      downloadJson(await fetchMyData(), exportFileName(props.username));
      toast("Your data was downloaded.");
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setExporting(false);
    }
  };

  const confirmed = () => !!props.username && typed().trim() === props.username;
  const deleteAccount = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!confirmed()) return setError("Type your username exactly to confirm.");
    setBusy(true);
    setError("");
    try {
      await remoteMutation("users:softDeleteUser", {});
      await forgetThisDevice();
      navigate("/signin", { replace: true });
      toast("Your account was deleted.");
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p class="hint">Download everything Whispers keeps about you, as JSON.</p>
      <div class="setting-actions">
        <button type="button" class="btn" disabled={exporting()} onClick={() => void exportData()}>
          <Icon name="download" size={18} />
          {exporting() ? "Preparing your data…" : "Export my data"}
        </button>
        <button type="button" class="btn btn-danger" onClick={() => setDeleting(true)}>
          <Icon name="trash" size={18} />
          Delete my account
        </button>
      </div>
      <Dialog open={deleting()} title="Delete your account?" onClose={() => setDeleting(false)}>
        <form onSubmit={(e) => void deleteAccount(e)}>
          <p>
            Your profile, whispers, mood journal, friends and everything else you wrote are erased. This can't be undone.
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
