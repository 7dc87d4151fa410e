/** The minimal shape of an IPC event we need to decide whether to trust its sender. */
export interface SenderEvent {
  sender: { id: number };
  senderFrame?: { url: string } | null;
}

/**
 * Records the webContents TorchLift created and drops IPC from anything else (an injected frame, a navigated
 * page, a devtools extension). One place, like GitHub Desktop's trusted-ipc-sender.
 */
export class TrustedSenders {
  private readonly ids = new Set<number>();

  constructor(private readonly appUrlPrefix: string) {}

  /** Trusts this webContents from now on. */
  add(id: number): void {
    this.ids.add(id);
  }

  /** Forgets a closed webContents. */
  remove(id: number): void {
    this.ids.delete(id);
  }

  /** True only for our own window showing our own page. */
  isTrusted(event: SenderEvent): boolean {
    if (!this.ids.has(event.sender.id)) return false;
    const url = event.senderFrame?.url;
    return typeof url === 'string' && url.startsWith(this.appUrlPrefix);
  }
}
