// The full-screen image viewer: a conversation's pictures with zoom, previous/next and download (touch and pen: imageGestures.ts).
import { createEffect, createMemo, createSignal, on, onCleanup, onMount, Show } from "solid-js";
import { render } from "solid-js/web";
import { conversationImages } from "../../db/conversationImages";
import type { LocalWhisper } from "../../db/types";
import { formatDateTime } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { createLive } from "../../app/data/liveQuery";
import { SvgIcon } from "../../ui/SvgIcon";
import { createImageGestures } from "./imageGestures";
import { clampView, fitSize, FITTED, maxScale, zoomAt, type Point, type Size, type View } from "./imageZoom";
import { downloadImage } from "./imageDownload";
import { createMediaUrl } from "./mediaUrl";
import { shownAt } from "./whisperTime";
import "./image-viewer.css";

export type ImageViewerOptions = {
  conversationId: string;
  whisper: LocalWhisper;
  /** Who sent a whisper, as the conversation names them ("you", the other person's name). */
  senderOf: (w: LocalWhisper) => string;
  /** Focused again when the viewer closes (the thumbnail that opened it), if still on the page. */
  opener?: HTMLElement;
};

const CHEVRON_LEFT = "M15.4 5.4 14 4l-8 8 8 8 1.4-1.4L8.8 12z";
const CHEVRON_RIGHT = "M8.6 5.4 10 4l8 8-8 8-1.4-1.4 6.6-6.6z";
const ZOOM_IN = "M10 3a7 7 0 1 0 4.2 12.6l5.1 5.1 1.4-1.4-5.1-5.1A7 7 0 0 0 10 3Zm0 2a5 5 0 1 1 0 10 5 5 0 0 1 0-10ZM9 7v2H7v2h2v2h2v-2h2V9h-2V7z";
const ZOOM_OUT = "M10 3a7 7 0 1 0 4.2 12.6l5.1 5.1 1.4-1.4-5.1-5.1A7 7 0 0 0 10 3Zm0 2a5 5 0 1 1 0 10 5 5 0 0 1 0-10ZM7 9v2h6V9z";

const ZOOM_STEP = 1.6;
/** Double click / double tap zooms in this far (or back to fitted). */
const DOUBLE_TAP_SCALE = 2.5;

let closeCurrent: (() => void) | undefined;

/** A root of its own, so a row scrolling out of the virtual list doesn't close it; one at a time; Back closes it. */
export function openImageViewer(options: ImageViewerOptions): () => void {
  closeCurrent?.();
  const host = document.createElement("div");
  document.body.append(host);
  let dispose = () => {};
  const close = () => {
    if (closeCurrent !== close) return;
    closeCurrent = undefined;
    dispose();
    host.remove();
    if (options.opener?.isConnected) options.opener.focus();
  };
  closeCurrent = close;
  dispose = render(() => <ImageViewer {...options} onClose={close} />, host);
  return close;
}

function ImageViewer(props: ImageViewerOptions & { onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  let stage: HTMLDivElement | undefined;
  let closeButton: HTMLButtonElement | undefined;

  // Until the first read lists the opened picture (a scheduled one never is), it is shown alone.
  const images = createLive(() => conversationImages(props.conversationId));
  // eslint-disable-next-line solid/reactivity -- the first picture; the viewer steps on from it
  const [currentKey, setCurrentKey] = createSignal(props.whisper.id);
  const [listed, setListed] = createSignal(false);
  createEffect(() => {
    if (images()?.some((w) => w.id === props.whisper.id)) setListed(true);
  });
  const list = createMemo(() => (listed() ? (images() ?? []) : [props.whisper]));
  const index = createMemo(() => list().findIndex((w) => w.id === currentKey()));
  let lastIndex = 0;
  createEffect(() => {
    const i = index();
    if (i >= 0) return void (lastIndex = i);
    // The picture shown was deleted: show its neighbour, or close when none is left.
    const rest = list();
    if (rest.length === 0) props.onClose();
    else setCurrentKey(rest[Math.min(lastIndex, rest.length - 1)]!.id);
  });
  const current = createMemo(() => list()[Math.max(0, index())] ?? props.whisper);
  // eslint-disable-next-line solid/reactivity -- the accessor is followed by createMediaUrl
  const src = createMediaUrl(current, "image");
  const hasPrevious = () => index() > 0;
  const hasNext = () => index() >= 0 && index() < list().length - 1;
  const go = (step: -1 | 1) => {
    const next = list()[index() + step];
    if (next) setCurrentKey(next.id);
  };

  const [stageSize, setStageSize] = createSignal<Size>({ width: 0, height: 0 });
  const [natural, setNatural] = createSignal<Size>();
  const [view, setView] = createSignal<View>(FITTED);
  const [animated, setAnimated] = createSignal(false);
  const [drag, setDrag] = createSignal<Point>({ x: 0, y: 0 });
  const [failed, setFailed] = createSignal(false);
  const fitted = createMemo(() => {
    const size = natural();
    return size ? fitSize(size, stageSize()) : { width: 0, height: 0 };
  });
  const max = createMemo(() => maxScale(natural() ?? fitted(), fitted()));
  const zoomed = () => view().scale > 1.001;
  const zoomTo = (scale: number, at: Point = { x: 0, y: 0 }, animate = true) => {
    setAnimated(animate);
    const next = zoomAt(view(), scale, at, fitted(), stageSize(), max());
    setView(next.scale <= 1.001 ? FITTED : next);
  };
  const toggleZoom = (at: Point) => zoomTo(zoomed() ? 1 : DOUBLE_TAP_SCALE, at);
  // A new picture starts fitted; a resized window keeps the view within the new edges.
  createEffect(
    on(currentKey, () => {
      setNatural(undefined);
      setFailed(false);
      setAnimated(false);
      setView(FITTED);
      setDrag({ x: 0, y: 0 });
    }),
  );
  createEffect(on(stageSize, (size) => setView((v) => clampView(v, fitted(), size, max()))));

  // The neighbours' pictures are fetched ahead (from the media cache when offline), so stepping is instant.
  createEffect(() => {
    for (const step of [-1, 1]) {
      const url = list()[index() + step]?.imageUrl;
      if (url) new Image().src = url;
    }
  });

  const fromCentre = (event: { clientX: number; clientY: number }): Point => {
    const box = stage!.getBoundingClientRect();
    return { x: event.clientX - box.left - box.width / 2, y: event.clientY - box.top - box.height / 2 };
  };

  const gestures = createImageGestures({
    fromCentre,
    capture: (id) => stage!.setPointerCapture(id),
    view,
    setView,
    zoomed,
    zoomTo,
    toggleZoom,
    bounds: () => ({ fitted: fitted(), stage: stageSize(), max: max() }),
    drag,
    setDrag,
    setAnimated,
    step: (direction) => {
      if (direction === 1 ? !hasNext() : !hasPrevious()) return false;
      go(direction);
      return true;
    },
    close: () => props.onClose(),
  });

  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    const pixels = event.deltaY * (event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1);
    // A trackpad pinch arrives as a wheel with ctrlKey and small deltas.
    const factor = Math.exp(-pixels * (event.ctrlKey ? 0.01 : 0.002));
    zoomTo(view().scale * factor, fromCentre(event), false);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.metaKey || event.ctrlKey) return;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => go(-1),
      ArrowRight: () => go(1),
      "+": () => zoomTo(view().scale * ZOOM_STEP),
      "=": () => zoomTo(view().scale * ZOOM_STEP),
      "-": () => zoomTo(view().scale / ZOOM_STEP),
      "0": () => zoomTo(1),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const [downloading, setDownloading] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  const download = () => {
    const url = src();
    if (!url || downloading()) return;
    setDownloading(true);
    setProblem(undefined);
    downloadImage(current(), url)
      .catch(() => setProblem("Couldn't download this picture: it isn't on this device. Try again once you're online."))
      .finally(() => setDownloading(false));
  };

  onMount(() => {
    dialog!.showModal();
    closeButton!.focus();
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setStageSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(stage!);
    stage!.addEventListener("wheel", onWheel, { passive: false });
    const onPopState = () => props.onClose();
    window.addEventListener("popstate", onPopState);
    onCleanup(() => {
      observer.disconnect();
      stage!.removeEventListener("wheel", onWheel);
      window.removeEventListener("popstate", onPopState);
      if (dialog!.open) dialog!.close();
    });
  });

  const sender = () => (current().fromViewer ? "You" : props.senderOf(current()));
  const imageStyle = () => {
    const size = fitted();
    const v = view();
    const d = drag();
    return {
      width: `${size.width}px`,
      height: `${size.height}px`,
      transform: `translate(-50%, -50%) translate(${v.x + d.x}px, ${v.y + d.y}px) scale(${v.scale})`,
      opacity: d.y > 0 ? String(Math.max(0.4, 1 - d.y / 400)) : undefined,
    };
  };

  return (
    <dialog
      ref={dialog}
      class="image-viewer"
      aria-modal="true"
      aria-label="Image viewer"
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
      onKeyDown={onKeyDown}
    >
      <div
        ref={stage}
        class="viewer-stage"
        classList={{ "is-zoomed": zoomed(), "is-animated": animated() }}
        onPointerDown={gestures.onPointerDown}
        onPointerMove={gestures.onPointerMove}
        onPointerUp={gestures.onPointerUp}
        onPointerCancel={gestures.onPointerCancel}
        onDblClick={(event) => {
          if (gestures.notJustTouched(event.timeStamp)) toggleZoom(fromCentre(event));
        }}
      >
        <Show when={src()} keyed>
          {(url) => (
            <img
              class="viewer-image"
              classList={{ "is-ready": !!natural() }}
              src={url}
              alt={`Image from ${props.senderOf(current())}`}
              draggable={false}
              ref={(img) =>
                // A picture already decoded (the thumbnail's) may be complete before load is heard.
                queueMicrotask(() => img.complete && img.naturalWidth > 0 && setNatural({ width: img.naturalWidth, height: img.naturalHeight }))
              }
              onLoad={(event) => setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
              onError={() => setFailed(true)}
              style={imageStyle()}
            />
          )}
        </Show>
        <Show when={failed() || !src()}>
          <p class="viewer-missing" role="status">
            This picture isn't on this device yet. It will show once you're online.
          </p>
        </Show>
      </div>

      <div class="viewer-bar">
        <button ref={closeButton} type="button" class="viewer-btn" aria-label="Close" title="Close (Esc)" onClick={() => props.onClose()}>
          <Icon name="close" size={22} />
        </button>
        <div class="viewer-title">
          <p class="viewer-sender" dir="auto">
            {sender()}
          </p>
          <p class="viewer-when">
            <time dateTime={new Date(shownAt(current())).toISOString()}>{formatDateTime(shownAt(current()))}</time>
            <Show when={list().length > 1}>
              <span class="viewer-count" aria-live="polite">
                {` · ${index() + 1} of ${list().length}`}
              </span>
            </Show>
          </p>
        </div>
        <button type="button" class="viewer-btn viewer-zoom" aria-label="Zoom out" title="Zoom out (−)" disabled={!zoomed()} onClick={() => zoomTo(view().scale / ZOOM_STEP)}>
          <SvgIcon path={ZOOM_OUT} size={22} />
        </button>
        <button type="button" class="viewer-btn viewer-zoom" aria-label="Zoom in" title="Zoom in (+)" disabled={view().scale >= max() - 0.001 || !natural()} onClick={() => zoomTo(view().scale * ZOOM_STEP)}>
          <SvgIcon path={ZOOM_IN} size={22} />
        </button>
        <button type="button" class="viewer-btn" aria-label="Download" title="Download" disabled={!src() || downloading()} onClick={download}>
          <Icon name="download" size={22} />
        </button>
      </div>

      <Show when={list().length > 1}>
        <button type="button" class="viewer-btn viewer-nav viewer-previous" aria-label="Previous image" title="Previous (←)" disabled={!hasPrevious()} onClick={() => go(-1)}>
          <SvgIcon path={CHEVRON_LEFT} size={28} />
        </button>
        <button type="button" class="viewer-btn viewer-nav viewer-next" aria-label="Next image" title="Next (→)" disabled={!hasNext()} onClick={() => go(1)}>
          <SvgIcon path={CHEVRON_RIGHT} size={28} />
        </button>
      </Show>

      <Show when={problem() ?? (current().content || undefined)}>
        {(text) => (
          <p class="viewer-caption" classList={{ "viewer-problem": !!problem() }} role={problem() ? "alert" : undefined} dir="auto">
            {text()}
          </p>
        )}
      </Show>
    </dialog>
  );
}
