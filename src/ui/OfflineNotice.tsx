// A polite notice that a part of a screen needs the network ("needs a connection"), shown while offline.
import { Icon } from "./Icon";
import "./notices.css";

export function OfflineNotice(props: { what: string }) {
  return (
    <p class="offline-notice" role="status">
      <Icon name="alert" size={18} />
      <span>{props.what} needs a connection. You're offline right now: this comes back as soon as you are online.</span>
    </p>
  );
}
