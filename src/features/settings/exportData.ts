// "Export my data": the server prepares the file (dataExports:request, then :current); this saves it under a readable name.
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../convex/_generated/api";
import { remoteMutation } from "../../sync/remote";

/** The viewer's newest export. */
export type DataExportView = NonNullable<FunctionReturnType<typeof api.dataExports.current>>;

/** The query watched while Settings is open (online only). */
export const CURRENT_EXPORT = api.dataExports.current;

/** Answers with the one being prepared, if any; OfflineError offline, RATE_LIMITED after a few in an hour. */
export async function requestExport(): Promise<string> {
  return await remoteMutation(api.dataExports.request, {});
}

export const isPreparing = (view: DataExportView | null | undefined): boolean =>
  view?.status === "collecting" || view?.status === "assembling";

/** Never 100 before the file is there. */
export const percentOf = (view: DataExportView): number => Math.min(99, Math.floor(view.progress * 100));

/** "820 KB", "12.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1000 * 1000) return `${Math.max(1, Math.round(bytes / 1000))} KB`;
  return `${(bytes / (1000 * 1000)).toFixed(1)} MB`;
}

/** Through a blob: a cross-origin link's own name would be the storage id. */
export async function downloadExport(url: string, fileName: string, fetchImpl: typeof fetch = fetch): Promise<void> {
  const response = await fetchImpl(url);
  if (!response.ok) throw new Error(`The download failed (${response.status}). Prepare a new export.`);
  const blob = new Blob([await response.blob()], { type: "application/json" });
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = objectUrl;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}
