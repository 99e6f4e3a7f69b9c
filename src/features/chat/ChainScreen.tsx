// A whisper chain (/c/:id/chain/:whisperId): the root and every reply, oldest first, and a reply box.
import { A, useParams } from "@solidjs/router";
import { createMemo, createSignal, Show } from "solid-js";
import { conversation as conversationQuery, me, whisperChain } from "../../db/queries";
import type { LocalWhisper } from "../../db/types";
import { EmptyState } from "../../ui/EmptyState";
import { KeyedFor } from "../../ui/KeyedFor";
import { createFlags } from "../../app/data/flags";
import { Icon } from "../../ui/Icon";
import { createLive } from "../../app/data/liveQuery";
import { counterpartName } from "../inbox/names";
import { Composer } from "./Composer";
import { ConversationContext, type ConversationContextValue } from "./context";
import { createWhisperDeletion } from "./DeleteWhisper";
import { createWhisperEditing } from "./EditWhisper";
import { queueDraft, type Draft } from "./drafts";
import { WhisperBubble } from "./WhisperBubble";
import "./conversation.css";

export default function ChainScreen() {
  const params = useParams();
  const conversation = createLive(() => conversationQuery(params.id!));
  const chain = createLive(() => whisperChain(params.whisperId!));
  const profile = createLive(() => me());
  const enabled = createFlags();
  const [target, setTarget] = createSignal<LocalWhisper>();
  const byId = createMemo(() => new Map((chain() ?? []).map((w) => [w.id, w])));
  const replyTo = () => target() ?? chain()?.at(-1);

  const deletion = createWhisperDeletion(() => counterpartName(conversation()));
  const editing = createWhisperEditing();
  const ctx: ConversationContextValue = {
    conversation,
    viewerId: () => profile()?.id,
    nameOf: (userId) => (userId === conversation()?.counterpartId ? counterpartName(conversation()) : undefined),
    enabled,
    reply: (w) => setTarget(w),
    edit: (w) => editing.ask(w),
    remove: (w) => deletion.ask(w),
  };

  const send = async (draft: Draft) => {
    const c = conversation();
    if (!c) return;
    await queueDraft(c, draft, replyTo());
    setTarget(undefined);
  };

  return (
    <ConversationContext.Provider value={ctx}>
      <section class="chat" aria-label="Whisper chain">
        <header class="chat-head">
          <A href={`/c/${params.id}`} class="icon-btn" aria-label="Back to the conversation" title="Back to the conversation">
            <Icon name="back" />
          </A>
          <div class="chat-title">
            <h1>Whisper chain</h1>
            <p class="chat-sub">
              With {counterpartName(conversation())} · {chain()?.length ?? 0} whispers
            </p>
          </div>
        </header>
        <div class="history">
          <Show when={chain.loaded()}>
            <Show when={(chain() ?? []).length > 0} fallback={<EmptyState icon="reply" title="This chain isn't on this device" />}>
              <ul class="chain-list" aria-label="Whispers in this chain" tabindex="0">
                <KeyedFor each={chain()} by={(w) => w.id}>
                  {(w) => (
                    <li>
                      <WhisperBubble whisper={w()} parent={w().parentId ? byId().get(w().parentId!) : undefined} showChainLink={false} />
                    </li>
                  )}
                </KeyedFor>
              </ul>
            </Show>
          </Show>
        </div>
        <Show when={enabled("WHISPER_CHAINS") && conversation()?.status !== "closed" && replyTo()}>
          <Composer enabled={enabled} mystery="none" replyTo={replyTo()} onCancelReply={() => setTarget(undefined)} onSend={send} />
        </Show>
      </section>
      {deletion.view()}
      {editing.view()}
    </ConversationContext.Provider>
  );
}
