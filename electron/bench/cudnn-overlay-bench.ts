import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeZip } from '../engine/archive/testing/write-archives.js';
import { applyCudnnOverlay } from '../engine/goals/cudnn-overlay/apply.js';
import { run } from '../engine/process/run.js';
import { median, ratioLine } from './stats.js';

/** The cuDNN 9 DLLs and their share of the ≈ 800 MB a real Windows cuDNN 9 archive unpacks to. */
const DLLS: [string, number][] = [
  ['cudnn64_9.dll', 0.3], ['cudnn_adv64_9.dll', 240], ['cudnn_cnn64_9.dll', 4], ['cudnn_engines_precompiled64_9.dll', 520],
  ['cudnn_engines_runtime_compiled64_9.dll', 15], ['cudnn_graph64_9.dll', 2.5], ['cudnn_heuristic64_9.dll', 50], ['cudnn_ops64_9.dll', 110],
];

/** Bytes that compress like machine code (about 2:1), quickly generated. */
export function payload(bytes: number, seed: number): Buffer {
  const b = Buffer.alloc(bytes);
  let x = seed >>> 0 || 1;
  for (let i = 0; i + 4 <= bytes; i += 8) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    b.writeUInt32LE(x >>> 0, i);
  }
  return b;
}

/**
 * Overlay of a realistic cuDNN 9 zip onto a toolkit (checked entries, staging, one transaction with backups, verify)
 * against `unzip` of the same archive into an empty folder (target ≤ 1.3×). `scale` shrinks the 800 MB.
 */
export async function benchCudnnOverlay(opts: { scale?: number; rounds?: number; log?: (line: string) => void } = {}): Promise<{ lines: string[]; result: Record<string, number> }> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const scale = opts.scale ?? 1;
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-bench-cudnn-'));
  try {
    const top = 'cudnn-windows-x86_64-9.1.0.70_cuda12-archive';
    const zip = path.join(root, `${top}.zip`);
    const header = '#define CUDNN_MAJOR 9\n#define CUDNN_MINOR 1\n#define CUDNN_PATCHLEVEL 0\n';
    await writeZip(zip, [
      ...DLLS.map(([name, mb], i) => ({ name: `${top}/bin/${name}`, data: payload(Math.round(mb * 1e6 * scale), i + 1) })),
      { name: `${top}/include/cudnn_version.h`, data: header },
      { name: `${top}/lib/x64/cudnn.lib`, data: payload(60_000, 99) },
    ]);
    const zipBytes = (await fs.stat(zip)).size;
    const rounds = Math.max(1, opts.rounds ?? 3);
    log(`bench cudnn-overlay: ${(zipBytes / 1e6).toFixed(0)} MB zip, ${rounds} round(s)`);
    const unzipMs: number[] = [];
    const overlayMs: number[] = [];
    for (let r = 0; r < rounds + 1; r += 1) {
      const out = path.join(root, `unzip-${r}`);
      await run('sync', [], { name: 'sync', timeoutMs: 120_000 });
      let t = performance.now();
      const u = await run('unzip', ['-q', '-o', zip, '-d', out], { name: 'unzip', timeoutMs: 600_000 });
      if (!u.ok) throw new Error(`unzip failed: ${u.stderr}`);
      const uMs = performance.now() - t;
      const toolkit = path.join(root, `toolkit-${r}`);
      await fs.mkdir(path.join(toolkit, 'bin'), { recursive: true });
      await fs.writeFile(path.join(toolkit, 'version.json'), '{"cuda":{"name":"CUDA SDK","version":"12.8.1"}}\n');
      await fs.writeFile(path.join(toolkit, 'bin', 'nvcc.exe'), 'nvcc');
      // An older cuDNN 9 in place (as after an earlier overlay): every DLL and the header are replaced and backed up.
      for (const [i, [name]] of DLLS.entries()) await fs.writeFile(path.join(toolkit, 'bin', name), payload(1_000_000, 500 + i));
      await fs.mkdir(path.join(toolkit, 'include'), { recursive: true });
      await fs.writeFile(path.join(toolkit, 'include', 'cudnn_version.h'), '#define CUDNN_MAJOR 9\n#define CUDNN_MINOR 0\n#define CUDNN_PATCHLEVEL 0\n');
      await run('sync', [], { name: 'sync', timeoutMs: 120_000 });
      t = performance.now();
      const { outcome } = await applyCudnnOverlay({ toolkit, archive: zip }, { env: { ...process.env, TORCHLIFT_PLATFORM: 'windows' }, dataDir: path.join(root, `data-${r}`) });
      const oMs = performance.now() - t;
      if (outcome.kind !== 'committed') throw new Error(`overlay did not commit: ${JSON.stringify(outcome)}`);
      if (r > 0) {
        unzipMs.push(uMs);
        overlayMs.push(oMs);
        log(`  round ${r}: unzip ${uMs.toFixed(0)} ms | overlay ${oMs.toFixed(0)} ms`);
      }
      await fs.rm(out, { recursive: true, force: true });
      await fs.rm(toolkit, { recursive: true, force: true });
      await fs.rm(path.join(root, `data-${r}`), { recursive: true, force: true });
    }
    const u = median(unzipMs);
    const o = median(overlayMs);
    return { lines: [ratioLine('cuDNN 9 overlay over 9.0 (checked, backed up, verified) / unzip', o, u, 1.3)], result: { zipBytes, unzipMs: Math.round(u), overlayMs: Math.round(o), ratio: Math.round((o / u) * 1000) / 1000 } };
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
