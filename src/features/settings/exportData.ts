// "Export my data": runs the users:exportMyData action over Convex's HTTP API and saves the JSON as a file.
import { currentSession } from "../../app/session";
import { tokenFetcherFor } from "../../platform/auth";
import { convexUrl } from "../../platform/convex";
import { OfflineError } from "../../sync/remote";

type HttpResult = { status: "success"; value: unknown } | { status: "error"; errorMessage?: string; errorData?: { message?: string } };

/** The viewer's data export (online only; the sync transport runs queries and mutations, not actions). */
export async function fetchMyData(fetchImpl: typeof fetch = fetch): Promise<unknown> {
  const session = currentSession();
  if (!session) throw new Error("Sign in first.");
  if (!navigator.onLine) throw new OfflineError("You're offline. Exporting your data needs a connection.");
  const token = await tokenFetcherFor(session.viewer)({ forceRefreshToken: false });
  if (!token) throw new Error("Your sign-in expired. Sign in again to export your data.");
  const response = await fetchImpl(new URL("/api/action", convexUrl()), {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ path: "users:exportMyData", args: {}, format: "json" }),
  });
  const body = (await response.json().catch(() => null)) as HttpResult | null;
  if (!body) throw new Error(`The export failed (${response.status}).`);
  if (body.status !== "success") throw new Error(body.errorData?.message ?? body.errorMessage ?? "The export failed.");
  return body.value;
}

/** Offers `data` as a JSON file download. */
export function downloadJson(data: unknown, fileName: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
