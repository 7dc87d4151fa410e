/** Median of a list of durations. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `times` times (after one warm-up run) and returns each duration in ms. */
export async function timeRuns(times: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

/** One printed ratio line: measured vs baseline, with the target and a verdict. */
export function ratioLine(label: string, value: number, baseline: number, target: number): string {
  const ratio = value / baseline;
  const verdict = ratio <= target ? 'OK  ' : 'MISS';
  return `${verdict} ${label.padEnd(58)} ${ratio.toFixed(3)}×  (target ≤ ${target}×; ${value.toFixed(0)} ms vs ${baseline.toFixed(0)} ms)`;
}

/**
 * Runs several measurements in turn, round after round (after one warm-up round), so drift in the machine's
 * load affects each of them alike. Returns each one's durations in ms, in the order given.
 */
export async function timeInterleaved(rounds: number, fns: readonly (() => Promise<unknown>)[]): Promise<number[][]> {
  for (const fn of fns) await fn();
  const out = fns.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (const [i, fn] of fns.entries()) {
      const start = performance.now();
      await fn();
      out[i]!.push(performance.now() - start);
    }
  }
  return out;
}
