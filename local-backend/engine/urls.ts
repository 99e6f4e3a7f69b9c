// Storage URLs: functions see convex-test's placeholder origin; results leaving the server get ours.
import { convexToJson, type JSONValue, type Value } from "convex/values";

/** What `ctx.storage.getUrl` / `generateUploadUrl` return inside functions (and what may be stored in documents). */
export const PLACEHOLDER_STORAGE = "https://some-deployment.convex.cloud/api/storage/";

/** Storage URLs rewritten to `origin`. */
export function resultJson(value: Value, origin: string): string {
  const json = JSON.stringify(convexToJson(value));
  return json.includes(PLACEHOLDER_STORAGE) ? json.split(PLACEHOLDER_STORAGE).join(`${origin}/api/storage/`) : json;
}

/** The same, as a JSON value. */
export function resultValue(value: Value, origin: string): JSONValue {
  const json = convexToJson(value);
  const text = JSON.stringify(json);
  return text.includes(PLACEHOLDER_STORAGE) ? (JSON.parse(text.split(PLACEHOLDER_STORAGE).join(`${origin}/api/storage/`)) as JSONValue) : json;
}
