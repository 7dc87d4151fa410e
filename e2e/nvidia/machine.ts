import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startRangeServer, type RangeServer } from '../../electron/engine/download/testing/range-server.js';
import { createScenario, installFakeNvidiaSmi, writeSimState, type Scenario, type SimMachine } from '../scenarios/index.js';
import { buildNvidiaTree, type NvidiaRelease, type NvidiaTree } from './tree.js';

/** A simulated machine plus a local NVIDIA download server, with the environment that joins them. */
export interface NvidiaLab {
  scenario: Scenario;
  tree: NvidiaTree;
  server: RangeServer;
  env: Record<string, string>;
  dataDir: string;
  /** Sets the simulated driver (version, newest CUDA it runs). */
  setDriver(version: string, maxCuda: string): Promise<void>;
  /** What the simulated installers recorded (one row per run). */
  installerRuns(): Promise<{ kind: string; args: string[] }[]>;
  close(): Promise<void>;
}

/**
 * Scenario (a) (RTX 4070, Windows layout) or a Linux machine with a GPU: the scenario's driver can be changed, and
 * TORCHLIFT_NVIDIA_DOWNLOADS points at a range server over a freshly built NVIDIA tree.
 */
export async function createNvidiaLab(opts: { platform?: 'windows' | 'linux'; driver?: [string, string]; releases?: NvidiaRelease[] } = {}): Promise<NvidiaLab> {
  const scenario = await createScenario('rtx4070-a1111');
  const treeRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-nvidia-tree-'));
  const tree = await buildNvidiaTree(treeRoot, opts.releases ? { releases: opts.releases } : {});
  const server = await startRangeServer({ root: treeRoot });
  const env: Record<string, string> = { ...scenario.env, TORCHLIFT_NVIDIA_DOWNLOADS: server.base, LOCALAPPDATA: path.join(scenario.root, 'home', 'AppData', 'Local') };
  let machine: SimMachine = scenario.machine;
  if (opts.platform === 'linux') {
    const smi = path.join(scenario.root, 'usr', 'bin', 'nvidia-smi');
    await installFakeNvidiaSmi({ root: scenario.root, exePath: smi });
    machine = { ...machine, platform: 'linux' };
    Object.assign(env, { TORCHLIFT_PLATFORM: 'linux', TORCHLIFT_NVIDIA_SMI: smi, XDG_DATA_HOME: path.join(scenario.root, 'home', '.local', 'share') });
    delete env.CUDA_PATH;
    delete env.CUDA_PATH_V12_1;
  }
  const lab: NvidiaLab = {
    scenario, tree, server, env, dataDir: env.TORCHLIFT_DATA_DIR!,
    async setDriver(version, maxCuda) {
      machine = { ...machine, driver: { version, maxCuda, state: 'ok' } };
      await writeSimState(scenario.root, machine);
    },
    async installerRuns() {
      try {
        return (await fs.readFile(path.join(scenario.root, '.sim', 'installer-runs.jsonl'), 'utf8')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; args: string[] });
      } catch {
        return [];
      }
    },
    async close() {
      await server.close();
      await fs.rm(treeRoot, { recursive: true, force: true });
      await scenario.cleanup();
    },
  };
  const [version, maxCuda] = opts.driver ?? ['572.61', '12.8'];
  await lab.setDriver(version, maxCuda);
  return lab;
}

/** Every file under a folder with its size and content hash prefix: exact "before/after" comparisons. */
export async function treeDigest(root: string): Promise<Record<string, string>> {
  const { createHash } = await import('node:crypto');
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out[path.relative(root, p)] = createHash('sha256').update(await fs.readFile(p)).digest('hex').slice(0, 16);
    }
  };
  await walk(root);
  return out;
}
