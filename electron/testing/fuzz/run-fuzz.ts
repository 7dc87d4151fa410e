import { loadSamples, type SampleCategory } from '../../../e2e/fixtures/samples.js';
import { mutate, rng, worstCases } from './mutate.js';
import { FUZZ_TARGETS, type FuzzTarget } from './targets.js';

/** How big a run is, and the ceilings every single input must stay under. */
export interface FuzzOptions {
  seed: number;
  /** Mutated inputs; each is given to every target. */
  inputs: number;
  /** Size of each worst-case shape, in characters (the doctor's limit is 2,000,000). */
  worstSize: number;
  /** Ceiling for one target on one mutated input. */
  timeCeilingMs: number;
  /** Ceiling for one target on one worst-case shape. */
  worstTimeCeilingMs: number;
  /** Ceiling on the heap one call may grow by. */
  heapCeilingBytes: number;
  /** Only the worst-case shapes whose names match (all when left out). */
  shapes?: RegExp;
}

/** One input that broke a ceiling or threw. */
export interface FuzzFailure {
  target: string;
  input: string;
  chars: number;
  problem: string;
  /** The first 200 characters, escaped, to rebuild the case. */
  head: string;
}

/** What a run tried and found. */
export interface FuzzReport {
  seed: number;
  inputsTried: number;
  crashes: FuzzFailure[];
  overCeiling: FuzzFailure[];
  slowest: { target: string; input: string; chars: number; ms: number };
  peakRssBytes: number;
  peakHeapGrowthBytes: number;
  totalMs: number;
}

const CATEGORIES: SampleCategory[] = ['A_nvidia_smi', 'B_nvidia_smi_query', 'C_nvcc', 'D_collect_env', 'E_error_logs', 'F_launch_configs'];

/** The real samples (../shared/samples), the seeds every mutation starts from. */
export function sampleTexts(): string[] {
  return CATEGORIES.flatMap((c) => loadSamples(c).map((s) => s.text));
}

/** Runs every target on mutated samples and on the worst-case shapes; deterministic for a seed. */
export function runFuzz(opts: FuzzOptions, targets: readonly FuzzTarget[] = FUZZ_TARGETS): FuzzReport {
  const started = performance.now();
  const next = rng(opts.seed);
  const donors = sampleTexts();
  const report: FuzzReport = {
    seed: opts.seed, inputsTried: 0, crashes: [], overCeiling: [], slowest: { target: '', input: '', chars: 0, ms: 0 },
    peakRssBytes: process.memoryUsage().rss, peakHeapGrowthBytes: 0, totalMs: 0,
  };
  const tryOne = (target: FuzzTarget, input: string, text: string, ceilingMs: number): void => {
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    let problem: string | null = null;
    try {
      target.run(text);
    } catch (error) {
      problem = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : String(error);
    }
    const ms = performance.now() - t0;
    const memory = process.memoryUsage();
    const growth = memory.heapUsed - heapBefore;
    report.inputsTried += 1;
    report.peakRssBytes = Math.max(report.peakRssBytes, memory.rss);
    report.peakHeapGrowthBytes = Math.max(report.peakHeapGrowthBytes, growth);
    if (ms > report.slowest.ms) report.slowest = { target: target.name, input, chars: text.length, ms: Math.round(ms) };
    const failure = (what: string): FuzzFailure => ({ target: target.name, input, chars: text.length, problem: what, head: JSON.stringify(text.slice(0, 200)) });
    if (problem !== null) report.crashes.push(failure(problem));
    if (ms > ceilingMs) report.overCeiling.push(failure(`took ${Math.round(ms)} ms (ceiling ${ceilingMs} ms)`));
    if (growth > opts.heapCeilingBytes) report.overCeiling.push(failure(`heap grew by ${Math.round(growth / 2 ** 20)} MiB`));
  };
  for (let i = 0; i < opts.inputs; i++) {
    const seedIndex = Math.floor(next() * donors.length);
    let text = donors[seedIndex] ?? '';
    const rounds = 1 + Math.floor(next() * 6);
    for (let m = 0; m < rounds; m++) text = mutate(text, next, donors);
    text = text.slice(0, 2_000_000);
    for (const target of targets) tryOne(target, `mutated #${i} of sample ${seedIndex}`, text, opts.timeCeilingMs);
  }
  for (const shape of worstCases(opts.worstSize).filter((w) => opts.shapes?.test(w.name) ?? true)) {
    for (const target of targets) tryOne(target, `worst case: ${shape.name}`, shape.text, opts.worstTimeCeilingMs);
  }
  report.totalMs = Math.round(performance.now() - started);
  return report;
}

/** The report as a few lines for people. */
export function formatFuzzReport(r: FuzzReport): string {
  const mib = (b: number): string => `${Math.round(b / 2 ** 20)} MiB`;
  return [
    `fuzz (seed ${r.seed}): ${r.inputsTried} inputs tried in ${(r.totalMs / 1000).toFixed(1)} s`,
    `crashes: ${r.crashes.length}${r.crashes.map((c) => `\n  ${c.target} on ${c.input} (${c.chars} chars): ${c.problem}\n    ${c.head}`).join('')}`,
    `over a ceiling: ${r.overCeiling.length}${r.overCeiling.map((c) => `\n  ${c.target} on ${c.input} (${c.chars} chars): ${c.problem}`).join('')}`,
    `slowest input: ${r.slowest.target} on ${r.slowest.input} (${r.slowest.chars} chars): ${r.slowest.ms} ms`,
    `peak memory: ${mib(r.peakRssBytes)} RSS; largest heap growth by one call: ${mib(r.peakHeapGrowthBytes)}`,
  ].join('\n');
}
