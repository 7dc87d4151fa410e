import { benchDetect } from './detect-bench.js';
import { benchDoctor } from './doctor-bench.js';
import { benchDllSwap } from './dll-swap.js';
import { benchDownload } from './download-bench.js';
import { benchCudnnOverlay } from './cudnn-overlay-bench.js';
import { benchCudaInstall } from './cuda-install-bench.js';
import { benchSnapshot } from './snapshot-bench.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../engine/process/run.js';

// `npm run bench`: every speed and memory target, each as a ratio against a baseline measured in the same run.
// TORCHLIFT_BENCH_ONLY=detect|doctor|dll-swap|download|snapshot|cudnn-overlay|cuda-install runs one part (TORCHLIFT_BENCH_FORMATS=tar.xz,zip for cuda-install); TORCHLIFT_BENCH_SCALE shrinks the DLL sizes for a quick run.
const log = (s: string) => process.stderr.write(`${s}\n`);
const only = process.env.TORCHLIFT_BENCH_ONLY ?? '';
const lines: string[] = [];
if (only === '' || only === 'detect') {
  lines.push('== Detection (issue: foundation)');
  lines.push(...(await benchDetect(log)));
}
if (only === '' || only === 'doctor') {
  lines.push('== Doctor (issue 11: linear in the paste)');
  lines.push(...(await benchDoctor(log)));
}
if (only === '' || only === 'dll-swap') {
  const swap = await benchDllSwap({ log, scale: Number(process.env.TORCHLIFT_BENCH_SCALE ?? "1"), rounds: Number(process.env.TORCHLIFT_BENCH_ROUNDS ?? "3") });
  lines.push('== DLL swap (issue 4)', ...swap.lines, JSON.stringify(swap.result));
}
if (only === '' || only === 'download') {
  const dl = await benchDownload({ log, scale: Number(process.env.TORCHLIFT_BENCH_SCALE ?? "1"), rounds: Number(process.env.TORCHLIFT_BENCH_ROUNDS ?? "3") });
  lines.push('== Downloader (issue 8)', ...dl.lines, JSON.stringify(dl.result));
}
if (only === '' || only === 'snapshot') {
  const snap = await benchSnapshot({ log, scale: Number(process.env.TORCHLIFT_BENCH_SCALE ?? "1"), rounds: Number(process.env.TORCHLIFT_BENCH_ROUNDS ?? "3") });
  lines.push('== Package snapshot (issue 7)', ...snap.lines, JSON.stringify(snap.result));
}
if (only === '' || only === 'cudnn-overlay') {
  const ov = await benchCudnnOverlay({ log, scale: Number(process.env.TORCHLIFT_BENCH_SCALE ?? "1"), rounds: Number(process.env.TORCHLIFT_BENCH_ROUNDS ?? "3") });
  lines.push('== cuDNN overlay (issue 8)', ...ov.lines, JSON.stringify(ov.result));
}
if (only === '' || only === 'cuda-install') {
  const formats = (process.env.TORCHLIFT_BENCH_FORMATS ?? 'tar.xz,zip').split(',').filter((f): f is 'zip' | 'tar.xz' => f === 'zip' || f === 'tar.xz');
  const ci = await benchCudaInstall({ log, formats, scale: Number(process.env.TORCHLIFT_BENCH_SCALE ?? "1"), rounds: Number(process.env.TORCHLIFT_BENCH_ROUNDS ?? "3") });
  lines.push('== User-mode toolkit install (issue 8)', ...ci.lines, JSON.stringify(ci.result));
}
if (only === '' || only === 'upgrade') {
  // From the sources: it needs the test wheels and index of e2e/wheels, which the built app does not contain.
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const r = await run('npx', ['vite-node', path.join(repo, 'electron', 'bench', 'upgrade-bench-run.ts')], {
    name: 'upgrade bench', cwd: repo, timeoutMs: 3_600_000, onStderr: log,
  });
  lines.push('== Torch upgrade (issue 7)', ...(r.ok ? r.stdout.trim().split('\n') : [`MISS the upgrade bench did not run: ${r.stderr.trim().split('\n').at(-1) ?? ''}`]));
}
lines.push(`peak RSS of the whole bench process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB (target ≤ 150 MiB)`);
process.stdout.write(`\n${lines.join('\n')}\n`);
