// Admin writes go straight to the server (never queued): runs one, reports success or the server's refusal as a toast.
import type { FunctionArgs, FunctionReference } from "convex/server";
import { remoteMutation } from "../../sync/remote";
import { errorText } from "../../app/data/errorText";
import { toast } from "../../ui/Toasts";

export async function adminCall<M extends FunctionReference<"mutation">>(mutation: M, args: FunctionArgs<M>, done: string): Promise<boolean> {
  try {
    await remoteMutation(mutation, args);
    toast(done);
    return true;
  } catch (error) {
    toast(errorText(error, "The server refused this change."), "error");
    return false;
  }
}
