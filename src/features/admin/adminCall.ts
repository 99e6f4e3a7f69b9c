// Admin writes go straight to the server (never queued): runs one, reports success or the server's refusal as a toast.
import { remoteMutation } from "../../sync/remote";
import { errorText } from "../../ui/errorText";
import { toast } from "../../ui/Toasts";

/** Runs `udfPath` with `args`; returns true when the server accepted it. */
export async function adminCall(udfPath: string, args: Record<string, unknown>, done: string): Promise<boolean> {
  try {
    await remoteMutation(udfPath, args);
    toast(done);
    return true;
  } catch (error) {
    toast(errorText(error, "The server refused this change."), "error");
    return false;
  }
}
