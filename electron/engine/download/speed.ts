/** Progress of one download, as the UI and the CLI show it. */
export interface DownloadProgress {
  name: string;
  url: string;
  /** Bytes on disk so far (including a resumed partial). */
  doneBytes: number;
  /** Total bytes, null while unknown. */
  totalBytes: number | null;
  /** Bytes per second over the last few seconds (0 until measured). */
  speed: number;
  /** Seconds left at that speed; null while unknown. */
  etaSeconds: number | null;
  state: 'downloading' | 'verifying' | 'cached' | 'done';
}

/**
 * Speed over a short sliding window (default 3 s): the bytes that arrived in it divided by its length, so a stall
 * shows at once and an old fast burst does not hide it. `now` is injectable for tests.
 */
export class SpeedMeter {
  private readonly samples: { t: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 3_000, private readonly now: () => number = () => performance.now()) {}

  /** Records that `bytes` more arrived. */
  add(bytes: number): void {
    const t = this.now();
    this.samples.push({ t, bytes });
    const oldest = t - this.windowMs;
    while (this.samples.length > 1 && this.samples[0]!.t < oldest) this.samples.shift();
  }

  /** Bytes per second over the window; 0 before two samples span any time. */
  speed(): number {
    if (this.samples.length < 2) return 0;
    const first = this.samples[0]!;
    const span = (this.now() - first.t) / 1000;
    if (span <= 0) return 0;
    const bytes = this.samples.slice(1).reduce((sum, s) => sum + s.bytes, 0);
    return bytes / span;
  }

  /** Seconds until `remaining` more bytes at the current speed; null when the speed or the total is unknown. */
  eta(remaining: number | null): number | null {
    const s = this.speed();
    if (remaining === null || s <= 0) return null;
    return Math.max(0, remaining / s);
  }
}
