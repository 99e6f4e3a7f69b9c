/* eslint-disable */
// The probe project's function builders (convex-test finds a project's root by its _generated folder).
export { actionGeneric as action, mutationGeneric as mutation, queryGeneric as query } from "convex/server";
