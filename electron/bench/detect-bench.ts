import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { detect } from '../engine/detect/detect.js';
import { run } from '../engine/process/run.js';
import { median, ratioLine, timeInterleaved } from './stats.js';

/**
 * Detection speed against the same real interpreter (Debian's python3-torch): the bare `import torch`
 * (the floor of any detection that imports torch), `python -m torch.utils.collect_env`, and TorchLift's quick
 * report (no import) and full detection (with the import probe).
 */
export async function benchDetect(log: (s: string) => void): Promise<string[]> {
  const python = process.env.TORCHLIFT_BENCH_PYTHON ?? '/usr/bin/python3';
  const check = await run(python, ['-c', 'import torch'], { name: 'python', timeoutMs: 60_000 });
  if (!check.ok) return [`SKIP detection bench: ${python} cannot import torch (apt-get install python3-torch)`];
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-bench-detect-'));
  try {
    const app = path.join(root, 'stable-diffusion-webui');
    await fs.mkdir(path.join(app, 'modules'), { recursive: true });
    await fs.writeFile(path.join(app, 'webui.py'), '');
    await fs.writeFile(path.join(app, 'modules', 'launch_utils.py'), '');
    const venv = await run(python, ['-m', 'venv', '--system-site-packages', '--without-pip', path.join(app, 'venv')], { name: 'venv', timeoutMs: 60_000 });
    if (!venv.ok) return [`SKIP detection bench: could not create a venv (${venv.stderr.trim()})`];
    const env = { ...process.env, TORCHLIFT_SEARCH_ROOTS: '', TORCHLIFT_DATA_DIR: path.join(root, 'data') };
    const times = Number(process.env.TORCHLIFT_BENCH_RUNS ?? 5);
    log(`detection: ${times} interleaved rounds (after a warm-up round), interpreter ${python}`);
    const [bareRuns, collectRuns, quickRuns, fullRuns] = await timeInterleaved(times, [
      () => run(python, ['-c', 'import torch'], { name: 'python', timeoutMs: 60_000 }),
      () => run(python, ['-m', 'torch.utils.collect_env'], { name: 'collect_env', timeoutMs: 120_000 }),
      () => detect({ apps: [app], probe: false, env }),
      () => detect({ apps: [app], probe: true, env }),
    ]);
    const [bare, collect, quick, full] = [bareRuns!, collectRuns!, quickRuns!, fullRuns!].map(median) as [number, number, number, number];
    const report = await detect({ apps: [app], probe: true, env });
    const torch = report.installs[0]?.torch?.version ?? 'none';
    return [
      `bare import torch: ${bare.toFixed(0)} ms · collect_env: ${collect.toFixed(0)} ms · quick report: ${quick.toFixed(0)} ms · full detection: ${full.toFixed(0)} ms (torch seen: ${torch})`,
      ratioLine('first complete report (no torch import) / collect_env', quick, collect, 0.2),
      ratioLine('full detection (probes concurrent) / bare import torch', full, bare, 1.05),
    ];
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
