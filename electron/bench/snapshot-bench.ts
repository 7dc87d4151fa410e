import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { removalsSettled } from '../engine/fs/deferred-removal.js';
import { run } from '../engine/process/run.js';
import { describeTree, snapshotTree, undoTree } from '../engine/tx/tree-steps.js';
import { median, ratioLine } from './stats.js';

/*
 * Snapshot + restore of a realistic torch distribution (issue 7): ≈ 15,000 files, ≈ 4 GB at scale 1, with the size mix
 * of a torch 2.x CUDA wheel (a handful of very large CUDA libraries, hundreds of medium .so/.dll files, thousands of
 * small .py files), against `cp -a` of the same tree. Target ≤ 0.1×.
 */

/** The size mix: [count, bytes each]. Sums to ≈ 15,000 files and ≈ 4.0 GB. */
const MIX: readonly [number, number][] = [
  [4, 600 * 1024 * 1024], // torch_cuda, cudnn engines, cublasLt …
  [20, 40 * 1024 * 1024],
  [200, 1.5 * 1024 * 1024],
  [14_776, 40 * 1024],
];

async function makeTree(root: string, scale: number): Promise<{ files: number; bytes: number }> {
  const chunk = Buffer.alloc(4 * 1024 * 1024, 7);
  let files = 0;
  let bytes = 0;
  for (const [count, size] of MIX) {
    const each = Math.max(1, Math.round(size * scale));
    for (let i = 0; i < count; i += 1) {
      const dir = path.join(root, 'torch', size > 1024 * 1024 ? 'lib' : `mod${i % 400}`);
      await fs.mkdir(dir, { recursive: true });
      const handle = await fs.open(path.join(dir, `f${files}.${size > 1024 * 1024 ? 'so' : 'py'}`), 'w');
      for (let written = 0; written < each; written += chunk.length) await handle.write(chunk, 0, Math.min(chunk.length, each - written));
      await handle.close();
      files += 1;
      bytes += each;
    }
  }
  await fs.mkdir(path.join(root, 'torch-2.0.1+cu118.dist-info'));
  await fs.writeFile(path.join(root, 'torch-2.0.1+cu118.dist-info', 'RECORD'), 'torch/__init__.py,,\n');
  return { files, bytes };
}

/** Snapshot (links) + a pip-like replacement (stash by rename) + restore, vs `cp -a`. */
export async function benchSnapshot(opts: { scale?: number; rounds?: number; log?: (line: string) => void } = {}): Promise<{ lines: string[]; result: Record<string, number> }> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-bench-snapshot-'));
  try {
    const site = path.join(base, 'venv', 'site-packages');
    const made = await makeTree(site, opts.scale ?? 1);
    log(`bench snapshot: ${made.files} files, ${(made.bytes / 1e9).toFixed(2)} GB`);
    const cp: number[] = [];
    const snap: number[] = [];
    for (let round = 0; round < Math.max(1, opts.rounds ?? 3); round += 1) {
      await run('sync', [], { name: 'sync', timeoutMs: 600_000 });
      const c0 = performance.now();
      const r = await run('cp', ['-a', path.join(site, 'torch'), path.join(base, `copy-${round}`)], { name: 'cp -a', timeoutMs: 1_800_000 });
      cp.push(performance.now() - c0);
      if (!r.ok) throw new Error(r.stderr);
      await fs.rm(path.join(base, `copy-${round}`), { recursive: true, force: true });
      await run('sync', [], { name: 'sync', timeoutMs: 600_000 });
      const t0 = performance.now();
      const tree = describeTree({ root: site, units: ['torch', 'torch-2.0.1+cu118.dist-info'] }, 0, `20261205-000000-${String(round).padStart(6, '0')}`);
      const { tree: snapped } = await snapshotTree(tree);
      // pip stashes the old package by rename and writes the new one; the restore puts the snapshot back.
      await fs.rename(path.join(site, 'torch'), path.join(site, '~orch'));
      await fs.mkdir(path.join(site, 'torch'));
      await undoTree(snapped, true);
      snap.push(performance.now() - t0);
      await fs.rm(path.dirname(snapped.snapshot), { recursive: true, force: true });
      await removalsSettled();
      log(`  round ${round + 1}: cp -a ${cp.at(-1)?.toFixed(0)} ms | snapshot + restore ${snap.at(-1)?.toFixed(0)} ms`);
    }
    const cpMs = median(cp);
    const snapMs = median(snap);
    return {
      lines: [ratioLine('snapshot + restore of a torch distribution / cp -a', snapMs, cpMs, 0.1)],
      result: { files: made.files, bytes: made.bytes, cpMs: Math.round(cpMs), snapshotRestoreMs: Math.round(snapMs), ratio: Number((snapMs / cpMs).toFixed(4)) },
    };
  } finally {
    await fs.rm(base, { recursive: true, force: true });
  }
}
