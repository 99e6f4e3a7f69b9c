// An object URL for a blob still waiting on this device (a pending image or voice clip), revoked on cleanup.
import { createEffect, createSignal, onCleanup, type Accessor } from "solid-js";
import { localBlob } from "../../db/queries";

export function createBlobUrl(key: Accessor<string | undefined>): Accessor<string | undefined> {
  const [url, setUrl] = createSignal<string>();
  createEffect(() => {
    const current = key();
    if (!current) return setUrl(undefined);
    let made: string | undefined;
    let live = true;
    void localBlob(current).then((blob) => {
      if (!live || !blob) return;
      made = URL.createObjectURL(blob);
      setUrl(made);
    });
    onCleanup(() => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    });
  });
  return url;
}
