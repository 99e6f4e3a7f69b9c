// "Attach image": pick a picture, compressed on the device (≤ 1600 px, JPEG/WebP) before it is queued; shows a preview.
import { createMemo, onCleanup, Show } from "solid-js";
import { errorText } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { toast } from "../../ui/Toasts";

export function ImagePickerButton(props: { id: string; disabled?: boolean; onPicked: (image: Blob) => void; onBusy: (busy: boolean) => void }) {
  const pick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    props.onBusy(true);
    try {
      const { compressImage } = await import("../../platform/media/imageCompress");
      props.onPicked(await compressImage(file));
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      props.onBusy(false);
    }
  };
  return (
    <>
      <input id={props.id} type="file" accept="image/*" class="file-input visually-hidden" disabled={props.disabled} onChange={(e) => void pick(e.currentTarget)} />
      <label for={props.id} class="icon-btn composer-icon" classList={{ disabled: props.disabled }} title="Attach image">
        <Icon name="image" />
        <span class="visually-hidden">Attach image</span>
      </label>
    </>
  );
}

export function ImagePreview(props: { image: Blob; onRemove: () => void }) {
  const url = createMemo(() => {
    const made = URL.createObjectURL(props.image);
    onCleanup(() => URL.revokeObjectURL(made));
    return made;
  });
  return (
    <div class="attachment">
      <Show when={url()}>{(src) => <img src={src()} alt="Image to send" />}</Show>
      <span class="hint">{Math.max(1, Math.round(props.image.size / 1024))} KB, compressed on this device</span>
      <button type="button" class="icon-btn" aria-label="Remove image" title="Remove image" onClick={() => props.onRemove()}>
        <Icon name="close" />
      </button>
    </div>
  );
}
