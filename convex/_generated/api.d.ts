/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as lib_auth from "../lib/auth.js";
import type * as lib_counters from "../lib/counters.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_feed from "../lib/feed.js";
import type * as lib_flags from "../lib/flags.js";
import type * as lib_functions from "../lib/functions.js";
import type * as lib_idempotency from "../lib/idempotency.js";
import type * as lib_rateLimit from "../lib/rateLimit.js";
import type * as lib_relations from "../lib/relations.js";
import type * as lib_time from "../lib/time.js";
import type * as model_conversations from "../model/conversations.js";
import type * as model_users from "../model/users.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  "lib/auth": typeof lib_auth;
  "lib/counters": typeof lib_counters;
  "lib/errors": typeof lib_errors;
  "lib/feed": typeof lib_feed;
  "lib/flags": typeof lib_flags;
  "lib/functions": typeof lib_functions;
  "lib/idempotency": typeof lib_idempotency;
  "lib/rateLimit": typeof lib_rateLimit;
  "lib/relations": typeof lib_relations;
  "lib/time": typeof lib_time;
  "model/conversations": typeof model_conversations;
  "model/users": typeof model_users;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
