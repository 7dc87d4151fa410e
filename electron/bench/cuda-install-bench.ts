import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeTarXz, writeZip } from '../engine/archive/testing/write-archives.js';
import { placeComponentArchives } from '../engine/goals/cuda-install/apply.js';
import { fetchAll } from '../engine/goals/cuda-install/sources.js';
import { run } from '../engine/process/run.js';
import { median, ratioLine } from './stats.js';
import { payload } from './cudnn-overlay-bench.js';

/**
 * A user-mode CUDA 12 install's per-component archives, sized like NVIDIA's linux-x86_64 redistributables (without
 * the static libraries): the big shared objects (cuBLASLt ≈ 520 MB, cuBLAS, cicc, libnvvm, NVRTC, nvJitLink, ptxas),
 * CCCL's ≈ 3,000 small headers and the runtime's headers — ≈ 980 MB unpacked at scale 1. MB, then file counts.
 */
const COMPONENTS: { name: string; big: [string, number][]; headers: [string, number, number] | null }[] = [
  { name: 'libcublas', big: [['lib/libcublasLt.so.12', 520], ['lib/libcublas.so.12', 105]], headers: ['include', 12, 40_000] },
  { name: 'cuda_nvcc', big: [['bin/ptxas', 30], ['bin/nvcc', 20], ['bin/nvlink', 20], ['nvvm/bin/cicc', 80], ['nvvm/lib64/libnvvm.so', 50]], headers: ['include/crt', 25, 30_000] },
  { name: 'cuda_nvrtc', big: [['lib/libnvrtc.so.12', 60], ['lib/libnvrtc-builtins.so.12.4', 7]], headers: ['include', 2, 20_000] },
  { name: 'libnvjitlink', big: [['lib/libnvJitLink.so.12', 50]], headers: ['include', 2, 10_000] },
  { name: 'cuda_cccl', big: [], headers: ['include/cub', 3000, 8_000] },
  { name: 'cuda_cudart', big: [['lib/libcudart.so.12', 0.7], ['lib/libcudart_static.a', 1.3]], headers: ['include', 80, 35_000] },
  { name: 'cuda_demo_suite', big: [['extras/demo_suite/deviceQuery', 0.7], ['extras/demo_suite/bandwidthTest', 0.8]], headers: null },
];

/** Writes the component archives (zip for Windows, tar.xz for Linux) under `dir`; returns their paths. */
async function writeComponents(dir: string, format: 'zip' | 'tar.xz', scale: number): Promise<string[]> {
  const out: string[] = [];
  let seed = 1;
  for (const c of COMPONENTS) {
    const top = `${c.name}-linux-x86_64-12.4.1-archive`;
    const entries: { name: string; data: Buffer; mode?: number }[] = [];
    for (const [rel, mb] of c.big) entries.push({ name: `${top}/${rel}`, data: payload(Math.max(1, Math.round(mb * 1e6 * scale)), seed++), ...(rel.startsWith('bin/') || rel.includes('/bin/') || rel.includes('demo_suite') ? { mode: 0o755 } : {}) });
    if (c.headers !== null) {
      const [folder, count, bytes] = c.headers;
      for (let i = 0; i < count; i += 1) entries.push({ name: `${top}/${folder}/${Math.floor(i / 100)}/h${i}.cuh`, data: payload(bytes, seed++) });
    }
    const file = path.join(dir, `${top}.${format}`);
    if (format === 'zip') await writeZip(file, entries.map((e) => ({ name: e.name, data: e.data, ...(e.mode ? { mode: 0o100000 | e.mode } : {}) })));
    else await writeTarXz(file, entries);
    out.push(file);
  }
  return out;
}

/**
 * User-mode toolkit install from local archives — each verified against its sha256 in place (as the goal does), every
 * entry checked, placed as one transaction (journal, staging beside the targets, rename, fsync) — against extracting
 * the same archives with the system tools (`tar -xJf` / `unzip`) into an empty folder. Target ≤ 1.3×.
 */
export async function benchCudaInstall(opts: { scale?: number; rounds?: number; formats?: ('zip' | 'tar.xz')[]; log?: (line: string) => void } = {}): Promise<{ lines: string[]; result: Record<string, number> }> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const scale = opts.scale ?? 1;
  const rounds = Math.max(1, opts.rounds ?? 3);
  const lines: string[] = [];
  const result: Record<string, number> = {};
  for (const format of opts.formats ?? ['tar.xz', 'zip']) {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-bench-cuda-'));
    try {
      const archives = await writeComponents(root, format, scale);
      const rows = await Promise.all(archives.map(async (a) => ({
        name: path.basename(a), url: a, bytes: (await fs.stat(a)).size, md5: null,
        sha256: createHash('sha256').update(await fs.readFile(a)).digest('hex'), cached: true,
      })));
      const packed = rows.reduce((n, r) => n + r.bytes, 0);
      log(`bench cuda-install (${format}): ${archives.length} archives, ${(packed / 1e6).toFixed(0)} MB packed, scale ${scale}, ${rounds} round(s)`);
      const toolMs: number[] = [];
      const installMs: number[] = [];
      let unpacked = 0;
      for (let r = 0; r < rounds + 1; r += 1) {
        const out = path.join(root, `tool-${r}`);
        await fs.mkdir(out);
        await run('sync', [], { name: 'sync', timeoutMs: 120_000 });
        let t = performance.now();
        for (const a of archives) {
          const x = format === 'zip' ? await run('unzip', ['-q', '-o', a, '-d', out], { name: 'unzip', timeoutMs: 600_000 }) : await run('tar', ['-xJf', a, '-C', out], { name: 'tar', timeoutMs: 600_000 });
          if (!x.ok) throw new Error(`${format === 'zip' ? 'unzip' : 'tar'} failed: ${x.stderr}`);
        }
        const tMs = performance.now() - t;
        if (r === 0) unpacked = Number((await run('du', ['-sb', out], { name: 'du', timeoutMs: 60_000 })).stdout.split('\t')[0]);
        const target = path.join(root, `home-${r}`, 'cuda-12.4');
        const dataDir = path.join(root, `data-${r}`);
        await run('sync', [], { name: 'sync', timeoutMs: 120_000 });
        t = performance.now();
        const paths = await fetchAll(rows, dataDir);
        const outcome = await placeComponentArchives({
          plan: { version: '12.4', release: '12.4.1', components: COMPONENTS.map((c) => c.name), platform: 'linux', target, mode: 'user' },
          archives: paths, dataDir, verify: async () => ({ ok: true, log: [] }),
        });
        const iMs = performance.now() - t;
        if (outcome.kind !== 'committed') throw new Error(`install did not commit: ${JSON.stringify(outcome)}`);
        if (r > 0) {
          toolMs.push(tMs);
          installMs.push(iMs);
          log(`  round ${r}: ${format === 'zip' ? 'unzip' : 'tar -xJf'} ${tMs.toFixed(0)} ms | install ${iMs.toFixed(0)} ms`);
        }
        await fs.rm(out, { recursive: true, force: true });
        await fs.rm(path.dirname(target), { recursive: true, force: true });
        await fs.rm(dataDir, { recursive: true, force: true });
      }
      const u = median(toolMs);
      const o = median(installMs);
      lines.push(ratioLine(`user-mode toolkit install (${format}, sha256, checked, tx) / ${format === 'zip' ? 'unzip' : 'tar -xJf'}`, o, u, 1.3));
      Object.assign(result, { [`${format}UnpackedBytes`]: unpacked, [`${format}ToolMs`]: Math.round(u), [`${format}InstallMs`]: Math.round(o), [`${format}Ratio`]: Math.round((o / u) * 1000) / 1000 });
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  }
  return { lines, result };
}
