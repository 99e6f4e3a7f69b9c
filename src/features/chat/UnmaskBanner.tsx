// Unmasking in a conversation: answer an incoming request, or see that yours waits; accepting reveals both names.
import { createMemo, Match, Switch } from "solid-js";
import type { LocalDoc } from "../../db/types";
import * as actions from "../../actions";
import { errorText } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { toast } from "../../ui/Toasts";

export type UnmaskState = { incoming?: LocalDoc; outgoing?: LocalDoc; accepted: boolean };

export function unmaskState(requests: readonly LocalDoc[] | undefined): UnmaskState {
  const list = requests ?? [];
  return {
    incoming: list.find((r) => r.status === "pending" && r.targetIsYou === true),
    outgoing: list.find((r) => r.status === "pending" && r.requesterIsYou === true),
    accepted: list.some((r) => r.status === "accepted"),
  };
}

async function answer(requestId: string, accept: boolean) {
  try {
    await (accept ? actions.acceptUnmasking(requestId) : actions.declineUnmasking(requestId));
    toast(accept ? "Unmasked: you now see each other's names." : "Request declined.");
  } catch (error) {
    toast(errorText(error), "error");
  }
}

export function UnmaskBanner(props: { state: UnmaskState; name: string }) {
  const incoming = createMemo(() => props.state.incoming);
  return (
    <Switch>
      <Match when={incoming()}>
        {(request) => (
          <div class="banner banner-unmask" role="region" aria-label="Unmasking request">
            <Icon name="mask" />
            <p>
              <strong>{props.name}</strong> asks to unmask: you would both see each other's first and last names.
            </p>
            <div class="banner-actions">
              <button type="button" class="btn btn-small btn-primary" onClick={() => void answer(request().id, true)}>
                Accept unmasking
              </button>
              <button type="button" class="btn btn-small" onClick={() => void answer(request().id, false)}>
                Decline
              </button>
            </div>
          </div>
        )}
      </Match>
      <Match when={props.state.outgoing}>
        <div class="banner" role="status">
          <Icon name="clock" />
          <p>Unmasking requested. Waiting for {props.name} to answer.</p>
        </div>
      </Match>
    </Switch>
  );
}
