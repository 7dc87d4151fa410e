import os from 'node:os';
import path from 'node:path';
import { buildWheelSet, createUpgradeScenario, startIndexServer } from '../../e2e/wheels/index.js';
import { applyTorchUpgrade } from '../engine/goals/torch-upgrade/apply.js';
import { run } from '../engine/process/run.js';
import { median, ratioLine } from './stats.js';

/*
 * The whole torch upgrade (plan, verified downloads, timing, snapshot, pip from the verified files, launcher, verify,
 * commit) from a local index, against a plain `pip install` of the same pins from the same index into a copy of the
 * same venv (issue 7: ≤ 1.15×). The wheels are the simulated torch family (about 0.5 MB), so fixed costs (two
 * Python checks, pip's resolution) weigh far more here than with a real 2.5 GB torch, where the download dominates.
 */
export async function benchUpgrade(opts: { rounds?: number; log?: (line: string) => void } = {}): Promise<{ lines: string[]; result: Record<string, number> }> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const server = await startIndexServer(await buildWheelSet());
  const plain: number[] = [];
  const upgrade: number[] = [];
  try {
    for (let round = 0; round < Math.max(1, opts.rounds ?? 3); round += 1) {
      const a = await createUpgradeScenario({ server, layout: 'linux-venv' });
      const b = await createUpgradeScenario({ server, layout: 'linux-venv' });
      try {
        const pins = ['torch==2.1.2+cu121', 'torchvision==0.16.2+cu121', 'xformers==0.0.23.post1'];
        const env = { ...a.env, PIP_CONFIG_FILE: os.devNull, PIP_DISABLE_PIP_VERSION_CHECK: '1' };
        const t0 = performance.now();
        const r = await run(a.python, ['-m', 'pip', 'install', ...pins, '--index-url', `${server.torchIndex}/cu121`, '--extra-index-url', server.pypiIndex, '--no-cache-dir'], { name: 'pip', env, timeoutMs: 600_000 });
        plain.push(performance.now() - t0);
        if (!r.ok) throw new Error(r.stderr);
        const t1 = performance.now();
        const { outcome } = await applyTorchUpgrade({ app: b.installPath, torch: '2.1.2+cu121' }, { env: b.env, dataDir: b.env.TORCHLIFT_DATA_DIR ?? path.join(b.root, 'data') });
        upgrade.push(performance.now() - t1);
        if (outcome.kind !== 'committed') throw new Error(JSON.stringify(outcome));
        log(`  round ${round + 1}: plain pip ${plain.at(-1)?.toFixed(0)} ms | TorchLift upgrade ${upgrade.at(-1)?.toFixed(0)} ms`);
      } finally {
        await a.cleanup();
        await b.cleanup();
      }
    }
  } finally {
    await server.close();
  }
  const p = median(plain);
  const u = median(upgrade);
  return {
    lines: [ratioLine('whole torch upgrade (local index) / plain pip install', u, p, 1.15)],
    result: { plainPipMs: Math.round(p), upgradeMs: Math.round(u), ratio: Number((u / p).toFixed(3)) },
  };
}
