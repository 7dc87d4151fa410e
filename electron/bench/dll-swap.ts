import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { run } from '../engine/process/run.js';
import { removalsSettled } from '../engine/fs/deferred-removal.js';
import { rollbackTransaction } from '../engine/tx/rollback-tx.js';
import { runTransaction } from '../engine/tx/transaction.js';
import { DLL_SIZES_MB, makeDllSwapFixture, type DllSwapFixture } from './dll-swap-fixture.js';
import { median, ratioLine } from './stats.js';

export { DLL_SIZES_MB };

/** What the bench measured (medians over the rounds), with the targets. */
export interface DllSwapBench {
  totalBytes: number;
  rounds: number;
  cpMs: number;
  /** cp followed by sync: the durability the swap gives (it fsyncs every staged file); context, not the target's baseline. */
  cpPlusSyncMs: number;
  swapMs: number;
  rollbackMs: number;
  swapRatio: number;
  rollbackRatio: number;
  peakRssMiB: number;
  targets: { swapRatio: 1.1; rollbackRatio: 0.05; peakRssMiB: 150 };
}

/** One timed round: cp (then sync, timed apart), swap, rollback — each after a `sync` so none pays for another's dirty pages. */
interface Round { cpMs: number; syncMs: number; swapMs: number; swapCpuMs: number; rollbackMs: number; freeMs: number }

/**
 * Swaps a realistic torch/lib against `cp` of the same new files (target ≤ 1.15×), rolls it back (target ≤ 0.05× of
 * that cp), and reports this process's peak RSS (target ≤ 150 MB). `scale` shrinks the sizes; `rounds` repeats.
 */
export async function benchDllSwap(opts: { scale?: number; rounds?: number; log?: (line: string) => void } = {}): Promise<{ result: DllSwapBench; lines: string[] }> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-bench-dll-swap-'));
  try {
    const fx = await makeDllSwapFixture(root, opts.scale ?? 1);
    const rounds = Math.max(1, opts.rounds ?? 3);
    log(`bench dll-swap: ${DLL_SIZES_MB.length} files, ${(fx.totalBytes / 1e9).toFixed(2)} GB, ${rounds} round(s), ${os.cpus().length} CPU(s), load ${os.loadavg()[0]?.toFixed(2)}`);
    const rssBefore = process.memoryUsage().rss / 1024 / 1024;
    const all: Round[] = [];
    for (let i = 0; i < rounds; i += 1) {
      const r = await oneRound(fx, path.join(root, `data-${i}`), log);
      log(`  round ${i + 1}: cp ${r.cpMs.toFixed(0)} ms (+ sync ${r.syncMs.toFixed(0)} ms) | swap ${r.swapMs.toFixed(0)} ms (CPU ${r.swapCpuMs.toFixed(0)} ms, all threads) | rollback ${r.rollbackMs.toFixed(0)} ms (+ ${r.freeMs.toFixed(0)} ms freeing the replaced files, in the background) | load ${os.loadavg()[0]?.toFixed(2)}`);
      all.push(r);
    }
    const cpMs = median(all.map((r) => r.cpMs));
    const cpPlusSyncMs = median(all.map((r) => r.cpMs + r.syncMs));
    const swapMs = median(all.map((r) => r.swapMs));
    const rollbackMs = median(all.map((r) => r.rollbackMs));
    const result: DllSwapBench = {
      totalBytes: fx.totalBytes, rounds, cpMs: round(cpMs), cpPlusSyncMs: round(cpPlusSyncMs), swapMs: round(swapMs), rollbackMs: round(rollbackMs),
      swapRatio: round(swapMs / cpPlusSyncMs, 3), rollbackRatio: round(rollbackMs / cpMs, 4),
      peakRssMiB: round(process.resourceUsage().maxRSS / 1024),
      targets: { swapRatio: 1.1, rollbackRatio: 0.05, peakRssMiB: 150 },
    };
    const lines = [
      ratioLine('DLL swap (durable: xxh3 of new files, fsync) / (cp + sync)', swapMs, cpPlusSyncMs, 1.1),
      `     context: swap / cp alone = ${(swapMs / cpMs).toFixed(3)}× (${swapMs.toFixed(0)} ms vs ${cpMs.toFixed(0)} ms; cp leaves the bytes in the page cache, not on disk)`,
      ratioLine('rollback of the committed swap / cp', rollbackMs, cpMs, 0.05),
      `     context: the replaced new files are then deleted in the background in ${median(all.map((r) => r.freeMs)).toFixed(0)} ms (rollback + that = ${((rollbackMs + median(all.map((r) => r.freeMs))) / cpMs).toFixed(3)}× cp)`,
      `${result.peakRssMiB <= 150 ? 'OK  ' : 'MISS'} peak RSS of the whole bench process ${result.peakRssMiB} MiB (target ≤ 150 MiB; ${rssBefore.toFixed(0)} MiB before the first swap)`,
    ];
    return { result, lines };
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function oneRound(fx: DllSwapFixture, dataDir: string, log: (line: string) => void): Promise<Round> {
  await sync();
  const cpStart = performance.now();
  const cp = await run('cp', [...fx.sources, fx.cpDir], { name: 'cp', timeoutMs: 600_000 });
  if (!cp.ok) throw new Error(`cp failed: ${cp.stderr}`);
  const cpMs = performance.now() - cpStart;
  const syncStart = performance.now();
  await sync();
  const syncMs = performance.now() - syncStart;
  await fs.rm(fx.cpDir, { recursive: true, force: true });
  await fs.mkdir(fx.cpDir);
  await sync();
  const swapStart = performance.now();
  const cpuStart = process.cpuUsage();
  const at = (): string => `${(performance.now() - swapStart).toFixed(0)} ms`;
  const outcome = await runTransaction({
    dataDir, goal: 'files', intent: 'bench', app: null, targetRoots: [fx.lib],
    files: fx.sources.map((source, i) => ({ target: fx.targets[i] ?? '', source })),
    verify: async () => ({ ok: true, log: [] }),
    onProgress: (p) => {
      if (p.kind === 'state') log(`    ${at()}: ${p.state}`);
    },
  });
  const swapMs = performance.now() - swapStart;
  const cpu = process.cpuUsage(cpuStart);
  if (outcome.kind !== 'committed') throw new Error(`swap did not commit: ${JSON.stringify(outcome)}`);
  await sync();
  const rbStart = performance.now();
  const rolled = await rollbackTransaction({ dataDir, id: 'last' });
  const rollbackMs = performance.now() - rbStart;
  if (rolled.kind !== 'rolled-back') throw new Error(`rollback failed: ${JSON.stringify(rolled)}`);
  // The replaced new files are deleted in the background once the rollback is closed: timed apart, never overlapping.
  await removalsSettled();
  const freeMs = performance.now() - rbStart - rollbackMs;
  return { cpMs, syncMs, swapMs, swapCpuMs: (cpu.user + cpu.system) / 1000, rollbackMs, freeMs };
}

async function sync(): Promise<void> {
  await run('sync', [], { name: 'sync', timeoutMs: 600_000 });
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
