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
import type * as admin from "../admin.js";
import type * as conversations from "../conversations.js";
import type * as crons from "../crons.js";
import type * as dataExports from "../dataExports.js";
import type * as dataExportsNode from "../dataExportsNode.js";
import type * as echoChambers from "../echoChambers.js";
import type * as erasure from "../erasure.js";
import type * as featureFlags from "../featureFlags.js";
import type * as files from "../files.js";
import type * as friends from "../friends.js";
import type * as http from "../http.js";
import type * as lib_auth from "../lib/auth.js";
import type * as lib_budget from "../lib/budget.js";
import type * as lib_counters from "../lib/counters.js";
import type * as lib_editWindow from "../lib/editWindow.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_feed from "../lib/feed.js";
import type * as lib_feedPosition from "../lib/feedPosition.js";
import type * as lib_fileTypes from "../lib/fileTypes.js";
import type * as lib_flags from "../lib/flags.js";
import type * as lib_functions from "../lib/functions.js";
import type * as lib_idempotency from "../lib/idempotency.js";
import type * as lib_mediaDuration from "../lib/mediaDuration.js";
import type * as lib_queryMemo from "../lib/queryMemo.js";
import type * as lib_rateLimit from "../lib/rateLimit.js";
import type * as lib_textLimits from "../lib/textLimits.js";
import type * as lib_time from "../lib/time.js";
import type * as model_admin from "../model/admin.js";
import type * as model_chamberMembership from "../model/chamberMembership.js";
import type * as model_conversations from "../model/conversations.js";
import type * as model_dataExport from "../model/dataExport.js";
import type * as model_dataExportErasure from "../model/dataExportErasure.js";
import type * as model_dataExportJobs from "../model/dataExportJobs.js";
import type * as model_dataExportParts from "../model/dataExportParts.js";
import type * as model_echoChambers from "../model/echoChambers.js";
import type * as model_erasure from "../model/erasure.js";
import type * as model_erasureSteps from "../model/erasureSteps.js";
import type * as model_files from "../model/files.js";
import type * as model_friends from "../model/friends.js";
import type * as model_moods from "../model/moods.js";
import type * as model_outbox from "../model/outbox.js";
import type * as model_profile from "../model/profile.js";
import type * as model_profileRules from "../model/profileRules.js";
import type * as model_profiles from "../model/profiles.js";
import type * as model_push from "../model/push.js";
import type * as model_pushEndpoints from "../model/pushEndpoints.js";
import type * as model_skillRules from "../model/skillRules.js";
import type * as model_skills from "../model/skills.js";
import type * as model_sync from "../model/sync.js";
import type * as model_unmasking from "../model/unmasking.js";
import type * as model_users from "../model/users.js";
import type * as model_visibility from "../model/visibility.js";
import type * as model_whisperDelivery from "../model/whisperDelivery.js";
import type * as model_whisperEdits from "../model/whisperEdits.js";
import type * as model_whisperRuns from "../model/whisperRuns.js";
import type * as model_whispers from "../model/whispers.js";
import type * as moods from "../moods.js";
import type * as outbox from "../outbox.js";
import type * as profiles from "../profiles.js";
import type * as push from "../push.js";
import type * as pushNode from "../pushNode.js";
import type * as skills from "../skills.js";
import type * as sync from "../sync.js";
import type * as tables_product from "../tables/product.js";
import type * as tables_support from "../tables/support.js";
import type * as tables_validators from "../tables/validators.js";
import type * as unmasking from "../unmasking.js";
import type * as users from "../users.js";
import type * as whispers from "../whispers.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  admin: typeof admin;
  conversations: typeof conversations;
  crons: typeof crons;
  dataExports: typeof dataExports;
  dataExportsNode: typeof dataExportsNode;
  echoChambers: typeof echoChambers;
  erasure: typeof erasure;
  featureFlags: typeof featureFlags;
  files: typeof files;
  friends: typeof friends;
  http: typeof http;
  "lib/auth": typeof lib_auth;
  "lib/budget": typeof lib_budget;
  "lib/counters": typeof lib_counters;
  "lib/editWindow": typeof lib_editWindow;
  "lib/errors": typeof lib_errors;
  "lib/feed": typeof lib_feed;
  "lib/feedPosition": typeof lib_feedPosition;
  "lib/fileTypes": typeof lib_fileTypes;
  "lib/flags": typeof lib_flags;
  "lib/functions": typeof lib_functions;
  "lib/idempotency": typeof lib_idempotency;
  "lib/mediaDuration": typeof lib_mediaDuration;
  "lib/queryMemo": typeof lib_queryMemo;
  "lib/rateLimit": typeof lib_rateLimit;
  "lib/textLimits": typeof lib_textLimits;
  "lib/time": typeof lib_time;
  "model/admin": typeof model_admin;
  "model/chamberMembership": typeof model_chamberMembership;
  "model/conversations": typeof model_conversations;
  "model/dataExport": typeof model_dataExport;
  "model/dataExportErasure": typeof model_dataExportErasure;
  "model/dataExportJobs": typeof model_dataExportJobs;
  "model/dataExportParts": typeof model_dataExportParts;
  "model/echoChambers": typeof model_echoChambers;
  "model/erasure": typeof model_erasure;
  "model/erasureSteps": typeof model_erasureSteps;
  "model/files": typeof model_files;
  "model/friends": typeof model_friends;
  "model/moods": typeof model_moods;
  "model/outbox": typeof model_outbox;
  "model/profile": typeof model_profile;
  "model/profileRules": typeof model_profileRules;
  "model/profiles": typeof model_profiles;
  "model/push": typeof model_push;
  "model/pushEndpoints": typeof model_pushEndpoints;
  "model/skillRules": typeof model_skillRules;
  "model/skills": typeof model_skills;
  "model/sync": typeof model_sync;
  "model/unmasking": typeof model_unmasking;
  "model/users": typeof model_users;
  "model/visibility": typeof model_visibility;
  "model/whisperDelivery": typeof model_whisperDelivery;
  "model/whisperEdits": typeof model_whisperEdits;
  "model/whisperRuns": typeof model_whisperRuns;
  "model/whispers": typeof model_whispers;
  moods: typeof moods;
  outbox: typeof outbox;
  profiles: typeof profiles;
  push: typeof push;
  pushNode: typeof pushNode;
  skills: typeof skills;
  sync: typeof sync;
  "tables/product": typeof tables_product;
  "tables/support": typeof tables_support;
  "tables/validators": typeof tables_validators;
  unmasking: typeof unmasking;
  users: typeof users;
  whispers: typeof whispers;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
