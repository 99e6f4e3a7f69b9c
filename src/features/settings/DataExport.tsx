// Settings → Your data → Export: request a file of everything kept about you, watch it being prepared (also after coming back), download it.
import { createSignal, Match, Show, Switch } from "solid-js";
import { errorText, formatDateTime } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { isOnline } from "../../ui/online";
import { createRemoteWatch } from "../../app/data/remoteWatch";
import { toast } from "../../ui/Toasts";
import { CURRENT_EXPORT, downloadExport, formatSize, isPreparing, percentOf, requestExport } from "./exportData";
import { exportFileName } from "./helpers";

export function DataExport(props: { username?: string }) {
  const current = createRemoteWatch(CURRENT_EXPORT, () => ({}));
  const [starting, setStarting] = createSignal(false);
  const [downloading, setDownloading] = createSignal(false);
  const view = () => current.value() ?? null;

  const start = async () => {
    setStarting(true);
    try {
      await requestExport();
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setStarting(false);
    }
  };

  const download = async (url: string, createdAt: number) => {
    setDownloading(true);
    try {
      await downloadExport(url, exportFileName(props.username, new Date(createdAt)));
      toast("Your data was downloaded.");
    } catch (err) {
      toast(errorText(err), "error");
    } finally {
      setDownloading(false);
    }
  };

  const startButton = (label: string) => (
    <button type="button" class="btn" disabled={starting() || !isOnline()} onClick={() => void start()}>
      <Icon name="download" size={18} />
      {starting() ? "Starting…" : label}
    </button>
  );

  return (
    <div class="data-export">
      <p class="hint">
        Get everything Whispers keeps about you (profile, mood journal, every whisper, chambers, skills) as one JSON file.
        It's prepared on the server; you can leave this page meanwhile.
      </p>
      <Switch fallback={<div class="setting-actions">{startButton("Export my data")}</div>}>
        <Match when={isPreparing(view()) ? view() : null}>
          {(job) => (
            <div class="export-status">
              <p class="export-line" role="status">
                Preparing your export… {percentOf(job())}%
                <span class="hint"> · {job().items.toLocaleString()} items so far</span>
              </p>
              <progress class="export-progress" max={100} value={percentOf(job())} aria-label="Export progress" />
            </div>
          )}
        </Match>
        <Match when={view()?.status === "done" && view()?.url ? view() : null}>
          {(job) => (
            <div class="export-status">
              <p class="export-line" role="status">
                Your export is ready: {formatSize(job().size ?? 0)}, prepared {formatDateTime(job().updatedAt)}.
              </p>
              <Show when={job().expiresAt}>
                {(at) => <p class="hint">It stays available until {formatDateTime(at())}, then it's deleted.</p>}
              </Show>
              <div class="setting-actions">
                <button type="button" class="btn btn-primary" disabled={downloading()} onClick={() => void download(job().url!, job().createdAt)}>
                  <Icon name="download" size={18} />
                  {downloading() ? "Downloading…" : "Download"}
                </button>
                {startButton("Prepare a new export")}
              </div>
            </div>
          )}
        </Match>
        <Match when={view()?.status === "failed" ? view() : null}>
          {(job) => (
            <div class="export-status">
              <p class="error-text" role="alert">{job().error ?? "The export could not be completed."}</p>
              <div class="setting-actions">{startButton("Try again")}</div>
            </div>
          )}
        </Match>
      </Switch>
      <Show when={!isOnline()}>
        <p class="hint">You're offline. Exporting your data needs a connection.</p>
      </Show>
    </div>
  );
}
