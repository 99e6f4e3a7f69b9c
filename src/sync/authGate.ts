// Whether the server currently accepts our token: the drainer sends only while it does, and waits otherwise.

type Listener = (ready: boolean) => void;

/** Fed by ConvexClient.setAuth's onChange; the outbox never fails an entry for lack of a token, it waits here. */
export class AuthGate {
  private ready: boolean;
  private readonly listeners = new Set<Listener>();
  private readonly rejectedListeners = new Set<() => void>();

  constructor(initiallyReady = false) {
    this.ready = initiallyReady;
  }

  isReady(): boolean {
    return this.ready;
  }

  set(ready: boolean): void {
    if (this.ready === ready) return;
    this.ready = ready;
    for (const listener of this.listeners) listener(ready);
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The server answered UNAUTHENTICATED: close the gate and ask the auth layer for a fresh token. */
  reportRejected(): void {
    this.set(false);
    for (const listener of this.rejectedListeners) listener();
  }

  onRejected(listener: () => void): () => void {
    this.rejectedListeners.add(listener);
    return () => this.rejectedListeners.delete(listener);
  }
}
