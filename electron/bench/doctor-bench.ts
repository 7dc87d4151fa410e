import { doctorText } from '../engine/doctor/doctor-text.js';
import { median, ratioLine, timeInterleaved } from './stats.js';

/**
 * The doctor stays linear (issue 11: 2 MB of repeated GPU lines took 830 s, time growing with the square of the
 * paste). Baseline: the same paste at a tenth of the size, measured in the same run; linear time is 10×, quadratic
 * would be 100×. Target ≤ 20×: the work is linear, but garbage collection of the larger paste costs relatively more.
 */
export async function benchDoctor(log: (s: string) => void): Promise<string[]> {
  const unit = 'GPU models and configuration: GPU 0: Quadro RTX 6000\n';
  const big = unit.repeat(Math.floor(2_000_000 / unit.length));
  const small = unit.repeat(Math.floor(200_000 / unit.length));
  const rounds = Number(process.env.TORCHLIFT_BENCH_RUNS ?? 5);
  log(`doctor: ${rounds} interleaved rounds of a 2 MB and a 200 KB paste of repeated GPU lines`);
  const [bigRuns, smallRuns] = await timeInterleaved(rounds, [async () => doctorText(big, 'en', {}), async () => doctorText(small, 'en', {})]);
  const [b, s] = [median(bigRuns!), median(smallRuns!)];
  return [
    `doctor on 2 MB of repeated GPU lines: ${b.toFixed(0)} ms · on 200 KB: ${s.toFixed(0)} ms`,
    ratioLine('doctor 2 MB / 200 KB of the same lines (linear: 10×)', b, s, 20),
  ];
}
