// The conversation (/c/:id, ?whisper=<id> opens at that whisper): header, unmasking, the virtual history and the composer.
import { useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, onCleanup, Show } from "solid-js";
import { conversation as conversationQuery, friends, me, unmaskingRequests } from "../../db/queries";
import type { LocalWhisper } from "../../db/types";
import * as actions from "../../actions";
import { EmptyState } from "../../ui/EmptyState";
import { Icon } from "../../ui/Icon";
import { createFlags } from "../../app/data/flags";
import { errorText } from "../../ui/format";
import { createLive, createLiveOf } from "../../app/data/liveQuery";
import { toast } from "../../ui/Toasts";
import type { VirtualListApi } from "../../ui/VirtualList";
import { ConversationItems } from "../inbox/ConversationItems";
import { ListLinks } from "../inbox/ConversationList";
import { counterpartName, realName } from "../inbox/names";
import { Composer } from "./Composer";
import { ConversationContext, type ConversationContextValue } from "./context";
import { createWhisperDeletion } from "./DeleteWhisper";
import { createWhisperEditing } from "./EditWhisper";
import { createSenderBlocking, SenderBlockedBanner } from "./BlockSender";
import { ConversationHeader } from "./ConversationHeader";
import { mysteryOptionFor, queueDraft, type Draft } from "./drafts";
import { UnmaskBanner, unmaskState } from "./UnmaskBanner";
import { createWhisperFeed } from "./whisperFeed";
import { WhisperList } from "./WhisperList";
import "../inbox/conversations.css";
import "./conversation.css";

/** The width from which the conversation list shows beside the open conversation (conversation.css). */
const SIDEBAR_QUERY = "(min-width: 900px)";

/** Narrower, the sidebar is not mounted at all (no reader, no DOM to keep). */
function createWide() {
  const query = typeof matchMedia === "function" ? matchMedia(SIDEBAR_QUERY) : undefined;
  const [wide, setWide] = createSignal(query?.matches ?? true);
  const update = () => setWide(query?.matches ?? true);
  query?.addEventListener("change", update);
  onCleanup(() => query?.removeEventListener("change", update));
  return wide;
}

export default function ConversationScreen() {
  const params = useParams();
  const navigate = useNavigate();
  const wide = createWide();
  return (
    <div class="chat-layout">
      <aside class="chat-sidebar" aria-label="All conversations">
        <Show when={wide()}>
          <div class="chat-sidebar-head">
            <h2>Whispers</h2>
            <button type="button" class="icon-btn" aria-label="New whisper" title="New whisper" onClick={() => navigate("/new")}>
              <Icon name="plus" />
            </button>
          </div>
          <ListLinks />
          <ConversationItems currentId={params.id} compact />
        </Show>
      </aside>
      <Show when={params.id} keyed>
        {(id) => <ConversationView id={id} />}
      </Show>
    </div>
  );
}

/** Once the next frame is on its way and the page is idle (a hidden page has no frames: waits until shown). */
function afterNextFrame(run: () => void): () => void {
  let cancel = () => cancelAnimationFrame(first);
  const first = requestAnimationFrame(() => {
    const second = requestAnimationFrame(() => {
      if (typeof requestIdleCallback !== "function") return run();
      const idle = requestIdleCallback(run, { timeout: 200 });
      cancel = () => cancelIdleCallback(idle);
    });
    cancel = () => cancelAnimationFrame(second);
  });
  return () => cancel();
}

/** True while the page is visible (read receipts wait for the person to look). */
function createVisible() {
  const [visible, setVisible] = createSignal(document.visibilityState === "visible");
  const update = () => setVisible(document.visibilityState === "visible");
  document.addEventListener("visibilitychange", update);
  onCleanup(() => document.removeEventListener("visibilitychange", update));
  return visible;
}

function ConversationView(props: { id: string }) {
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams<{ whisper?: string }>();
  // Read the newest whispers at once, in parallel with the conversation row.
  // eslint-disable-next-line solid/reactivity -- the view is keyed by id
  const feed = createWhisperFeed(props.id);
  const conversation = createLive(() => conversationQuery(props.id));
  const profile = createLive(() => me());
  const friendRows = createLive(() => friends());
  // Unmasking requests are stored under the server's conversation id (the route may hold a local one).
  // Keyed by the id alone: a new conversation row (every whisper updates it) must not re-subscribe.
  const conversationId = createMemo(() => conversation()?.id);
  const requests = createLiveOf(() => conversationId(), (id) => unmaskingRequests(id));
  const enabled = createFlags();
  const visible = createVisible();
  const [replyTo, setReplyTo] = createSignal<LocalWhisper>();
  let list: VirtualListApi | undefined;

  const friend = createMemo(() => friendRows()?.find((f) => f.otherUserId === conversation()?.counterpartId));
  const unmask = createMemo(() => unmaskState(requests()));
  const unmasked = () => !!conversation()?.unmasked || unmask().accepted || !!realName(conversation()?.counterpart);
  /** A masked mystery conversation answers only by its own state (convex/model/visibility.ts): a person block waits for unmasking. */
  const blockedByViewer = () =>
    !masked() && friend()?.status === "blocked" && friend()?.direction !== "incoming";
  /** On either side: the hidden sender knows who is there, yet it is masked. */
  const masked = () => conversation()?.isMystery === true && !conversation()?.unmasked && !unmask().accepted;
  /** "Block this sender": the viewer blocked this (mystery) conversation itself. */
  const senderBlocked = () => conversation()?.blockedByViewer === true;

  // Read receipts wait until the frame showing the new whispers is out, so their write and re-render never delay it.
  const unread = createMemo(() => {
    const c = conversation();
    return c && c.unreadCount > 0 && visible() ? c.id : undefined;
  });
  createEffect(() => {
    const id = unread();
    if (id === undefined) return;
    const cancel = afterNextFrame(() => {
      void actions.markRead(id).catch(() => undefined);
    });
    onCleanup(cancel);
  });

  const deletion = createWhisperDeletion(() => counterpartName(conversation()));
  const editing = createWhisperEditing();
  const blocking = createSenderBlocking(() => conversation()?.id);
  const ctx: ConversationContextValue = {
    conversation,
    viewerId: () => profile()?.id,
    nameOf: (userId) => (userId === conversation()?.counterpartId ? counterpartName(conversation()) : undefined),
    enabled,
    reply: (w) => setReplyTo(w),
    edit: (w) => editing.ask(w),
    remove: (w) => deletion.ask(w),
  };

  const send = async (draft: Draft) => {
    const c = conversation();
    if (!c) return;
    const reply = replyTo();
    const { conversationId } = await queueDraft(c, draft, reply);
    if (reply && draft.kind === "text") setReplyTo(undefined);
    if (draft.kind !== "schedule") list?.scrollToBottom();
    if (conversationId !== c.id) {
      toast(draft.mystery ? "Sent as a mystery whisper: they'll see Someone." : "Sent in your conversation as yourself.");
      navigate(`/c/${conversationId}`);
    }
  };

  return (
    <ConversationContext.Provider value={ctx}>
      <Show
        when={conversation()}
        fallback={
          <Show when={conversation.loaded()}>
            <section class="page">
              <EmptyState icon="chat" title="This conversation isn't on this device">
                <p class="hint">It may have been removed, or it will appear once this device syncs.</p>
              </EmptyState>
            </section>
          </Show>
        }
      >
        {(c) => (
          <section class="chat" aria-label={`Conversation with ${counterpartName(c())}`}>
            <ConversationHeader
              conversation={c()}
              friend={friend()}
              canRequestUnmask={!unmasked() && !unmask().incoming && !unmask().outgoing && !senderBlocked()}
              enabled={enabled}
              onBlockSender={blocking.ask}
            />
            <Show when={enabled("UNMASKING") && !senderBlocked()}>
              <UnmaskBanner state={unmask()} name={counterpartName(c())} />
            </Show>
            <WhisperList
              feed={feed}
              listRef={(api) => (list = api)}
              reveal={search.whisper}
              onRevealed={(found) => {
                // Shown once: the address goes back to the conversation's own (Back still returns to the search).
                setSearch({ whisper: undefined }, { replace: true });
                if (!found) toast("That whisper isn't in this conversation on this device any more.", "error");
              }}
            />
            <Show when={c().status === "closed"}>
              <div class="banner banner-bottom" role="status">
                <p>This conversation is closed.</p>
                <button type="button" class="btn btn-small btn-primary" onClick={() => void actions.reopenConversation(c().id).catch((e: unknown) => toast(errorText(e), "error"))}>
                  Reopen
                </button>
              </div>
            </Show>
            <Show when={blockedByViewer()}>
              <div class="banner banner-bottom" role="status">
                <p>You blocked {counterpartName(c())}. Neither of you can whisper the other.</p>
                <button type="button" class="btn btn-small" onClick={() => void actions.unblockUser(c().counterpartId!).catch((e: unknown) => toast(errorText(e), "error"))}>
                  Unblock
                </button>
              </div>
            </Show>
            <Show when={senderBlocked()}>
              <SenderBlockedBanner conversationId={c().id} />
            </Show>
            <Show when={c().status !== "closed" && !blockedByViewer() && !senderBlocked()}>
              <Composer
                enabled={enabled}
                mystery={mysteryOptionFor(c(), enabled("MYSTERY_WHISPERS"))}
                replyTo={replyTo()}
                onCancelReply={() => setReplyTo(undefined)}
                onSend={send}
                conversationKey={props.id}
              />
            </Show>
          </section>
        )}
      </Show>
      {deletion.view()}
      {editing.view()}
      {blocking.view()}
    </ConversationContext.Provider>
  );
}
