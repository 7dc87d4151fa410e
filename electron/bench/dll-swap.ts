import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { run } from '../engine/process/run.js';
import { rollbackTransaction } from '../engine/tx/rollback-tx.js';
import { runTransaction } from '../engine/tx/transaction.js';

/** A realistic cu118 torch/lib swap set (10 files, ~2 GB): sizes like the real cuDNN 8 / CUDA 11 DLLs, in MB. */
export const DLL_SIZES_MB: readonly (readonly [string, number])[] = [
  ['cudnn_cnn_infer64_8.dll', 720], ['cublasLt64_11.dll', 560], ['cudnn_adv_infer64_8.dll', 125], ['cudnn_adv_train64_8.dll', 116],
  ['cublas64_11.dll', 95], ['cudnn_cnn_train64_8.dll', 95], ['cudnn_ops_infer64_8.dll', 90], ['cudnn_ops_train64_8.dll', 70],
  ['cudart64_110.dll', 0.5], ['cudnn64_8.dll', 0.3],
];

/** What the bench measured, with the targets. */
export interface DllSwapBench {
  totalBytes: number;
  cpMs: number;
  /** cp followed by sync: the same durability the swap gives (it fsyncs every staged file). */
  cpPlusSyncMs: number;
  swapMs: number;
  rollbackMs: number;
  swapRatio: number;
  rollbackRatio: number;
  peakRssMiB: number;
  targets: { swapRatio: 1.15; rollbackRatio: 0.05; peakRssMiB: 150 };
}

/**
 * Swaps a realistic torch/lib against `cp` of the same new files (target ≤ 1.15×), rolls it back (target ≤ 0.05× of
 * that cp), and reports this process's peak RSS (target ≤ 150 MB). `scale` shrinks the sizes for a quick run.
 */
export async function benchDllSwap(opts: { scale?: number; log?: (line: string) => void } = {}): Promise<DllSwapBench> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-bench-dll-swap-'));
  try {
    const lib = path.join(root, 'sd webui', 'venv', 'Lib', 'site-packages', 'torch', 'lib');
    const src = path.join(root, 'cudnn-windows-x86_64-8.9.7.29_cuda11-archive', 'bin');
    const cpDir = path.join(root, 'cp-target');
    await Promise.all([lib, src, cpDir].map((d) => fs.mkdir(d, { recursive: true })));
    let totalBytes = 0;
    for (const [name, mb] of DLL_SIZES_MB) {
      const bytes = Math.round(mb * 1024 * 1024 * (opts.scale ?? 1));
      totalBytes += bytes;
      await writeFilled(path.join(lib, name), bytes, 1);
      await writeFilled(path.join(src, name), bytes, 2);
    }
    const sources = DLL_SIZES_MB.map(([name]) => path.join(src, name));
    log(`bench dll-swap: ${DLL_SIZES_MB.length} files, ${(totalBytes / 1e9).toFixed(2)} GB`);
    await run('sync', [], { name: 'sync', timeoutMs: 600_000 });
    const cpStart = performance.now();
    const cp = await run('cp', [...sources, cpDir], { name: 'cp', timeoutMs: 600_000 });
    if (!cp.ok) throw new Error(`cp failed: ${cp.stderr}`);
    const cpMs = performance.now() - cpStart;
    // cp's own dirty pages are flushed outside every timing, so the swap's fsyncs do not pay for them.
    const syncStart = performance.now();
    await run('sync', [], { name: 'sync', timeoutMs: 600_000 });
    const cpSyncMs = performance.now() - syncStart;
    const dataDir = path.join(root, 'data');
    const swapStart = performance.now();
    const outcome = await runTransaction({
      dataDir, goal: 'dll-swap', intent: 'bench', app: null, targetRoots: [lib],
      files: DLL_SIZES_MB.map(([name]) => ({ target: path.join(lib, name), source: path.join(src, name) })),
      verify: async () => ({ ok: true, log: [] }),
      onProgress: (p) => {
        if (p.kind === 'state') log(`  ${(performance.now() - swapStart).toFixed(0)} ms: ${p.state}`);
        else if (p.state !== 'staging') log(`  ${(performance.now() - swapStart).toFixed(0)} ms: file ${p.index} ${p.state}`);
      },
    });
    const swapMs = performance.now() - swapStart;
    if (outcome.kind !== 'committed') throw new Error(`swap did not commit: ${JSON.stringify(outcome)}`);
    await run('sync', [], { name: 'sync', timeoutMs: 600_000 });
    const rbStart = performance.now();
    const rolled = await rollbackTransaction({ dataDir, id: 'last' });
    const rollbackMs = performance.now() - rbStart;
    if (rolled.kind !== 'rolled-back') throw new Error(`rollback failed: ${JSON.stringify(rolled)}`);
    const result: DllSwapBench = {
      totalBytes, cpMs: round(cpMs), cpPlusSyncMs: round(cpMs + cpSyncMs), swapMs: round(swapMs), rollbackMs: round(rollbackMs),
      swapRatio: round(swapMs / cpMs, 3), rollbackRatio: round(rollbackMs / cpMs, 4),
      peakRssMiB: round(process.resourceUsage().maxRSS / 1024),
      targets: { swapRatio: 1.15, rollbackRatio: 0.05, peakRssMiB: 150 },
    };
    log(`cp ${result.cpMs} ms (cp + sync ${result.cpPlusSyncMs} ms) | swap ${result.swapMs} ms (${result.swapRatio}× cp, target ≤ 1.15) | rollback ${result.rollbackMs} ms (${result.rollbackRatio}× cp, target ≤ 0.05) | peak RSS ${result.peakRssMiB} MiB (target ≤ 150)`);
    return result;
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

/** Writes `bytes` of non-repeating-looking content without holding the file in memory. */
async function writeFilled(file: string, bytes: number, seed: number): Promise<void> {
  const chunk = Buffer.alloc(4 * 1024 * 1024);
  for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761 + seed * 97) >>> 0, i);
  const handle = await fs.open(file, 'w');
  try {
    for (let done = 0, n = 0; done < bytes; n += 1) {
      const len = Math.min(chunk.length, bytes - done);
      chunk.writeUInt32LE(n, 0);
      await handle.write(chunk, 0, len, done);
      done += len;
    }
  } finally {
    await handle.close();
  }
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
