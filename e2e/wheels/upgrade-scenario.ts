import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run, type RunResult } from '../../electron/engine/process/run.js';
import { writeA1111, writeComfy, writeComfyPortable, writeForge } from '../scenarios/apps.js';
import { SCENARIO_SPECS } from '../scenarios/definitions.js';
import { layoutExtras, resolvePython, wrapperScript, type ResolvedPython } from '../scenarios/fake-venv.js';
import type { SimMachine } from '../scenarios/machine.js';
import { installFakeNvidiaSmi, writeSimState } from '../scenarios/nvidia-smi/smi-data.js';
import { E2E_TMP, pruneCache, type WheelSet } from './build.js';
import { startIndexServer, type IndexServer } from './index-server.js';

/*
 * A1111 installs with a REAL venv whose packages were installed by REAL pip from the test index (index-server.ts).
 * A pristine venv per (layout, starting packages, wheel set) is built once, cached in e2e/.tmp/venvs/ across
 * processes, and copied (`cp -a`) into each scenario: a scenario costs a copy, not a pip run.
 *
 * Layouts:
 *  - linux-venv:   venv/bin/python (the venv's own symlink), venv/lib/python3.X/site-packages, Linux wheels.
 *  - windows-venv: venv/Scripts/python.exe (a bash script running the real Python with `exec -a`, so pyvenv.cfg makes
 *    it a real venv), venv/Lib/site-packages holding the files, win_amd64 wheels with torch/lib/*.dll. Real pip runs
 *    in it: `_PYTHON_HOST_PLATFORM=win-amd64` (exported by the script) makes pip accept win_amd64 wheels, and
 *    venv/lib/python3.X/site-packages is a symlink to ../../Lib/site-packages because CPython on Linux installs
 *    there; venv/bin is a symlink to Scripts for the same reason.
 *  - windows-embedded (ComfyUI portable): python_embeded/python.exe (the script, with PYTHONHOME = python_embeded and
 *    `-s -S`), python311._pth, python_embeded/Lib/site-packages with pip. CPython needs its stdlib under PYTHONHOME,
 *    so python_embeded/lib/python3.X/ holds symlinks to the real stdlib entries, and its site-packages is a symlink
 *    to ../../Lib/site-packages (where pip installs, sys.prefix being python_embeded). Not a venv: no pyvenv.cfg.
 */

/** The app folder written around the venv. */
export type UpgradeApp = 'a1111' | 'forge' | 'comfyui' | 'comfyui-portable';

const APP_DIRS: Readonly<Record<UpgradeApp, string>> = {
  a1111: 'stable-diffusion-webui', forge: 'stable-diffusion-webui-forge', comfyui: 'ComfyUI', 'comfyui-portable': 'ComfyUI_windows_portable',
};

/** Writes the app; A1111 and Forge get webui-user.bat/.sh with COMMANDLINE_ARGS (and TORCH_COMMAND when given). */
async function writeApp(app: UpgradeApp, dir: string, args: string, torchCommand: string | undefined): Promise<void> {
  if (app === 'comfyui') { await writeComfy(dir); return; }
  if (app === 'comfyui-portable') { await writeComfyPortable(dir); return; }
  await (app === 'forge' ? writeForge(dir) : writeA1111(dir, args));
  await Promise.all([
    fs.writeFile(path.join(dir, 'webui-user.bat'), webuiUserBat(args, torchCommand)),
    fs.writeFile(path.join(dir, 'webui-user.sh'), webuiUserSh(args, torchCommand), { mode: 0o755 }),
  ]);
}

/** Which interpreter layout the install gets. */
export type UpgradeLayout = 'linux-venv' | 'windows-venv' | 'windows-embedded';

/** The packages installed before the test starts (exact versions; null/absent: not installed). */
export interface StartState {
  torch: string;
  torchvision?: string | null;
  torchaudio?: string | null;
  xformers?: string | null;
  fakedep?: string | null;
}

/** An A1111 v1.5-era install: torch 2.0.1+cu118, torchvision 0.15.2, xformers 0.0.20, fakedep 1.0. */
export const DEFAULT_START: StartState = { torch: '2.0.1+cu118', torchvision: '0.15.2+cu118', xformers: '0.0.20', fakedep: '1.0' };

/** The RTX 4070 machine (driver 546.33 → CUDA 12.3); Linux gets the same GPU with driver 545.23.08 (also CUDA 12.3). */
export function rtx4070Machine(platform: 'windows' | 'linux'): SimMachine {
  const base = SCENARIO_SPECS['rtx4070-a1111'].machine;
  if (platform === 'windows') return base;
  return { ...base, platform: 'linux', driver: { version: '545.23.08', maxCuda: '12.3', state: 'ok' } };
}

/** A made scenario: the machine, the install, its venv and the environment pointing TorchLift at both. */
export interface UpgradeScenario {
  /** The machine folder (stands in for C:\ or /). */
  root: string;
  platform: 'windows' | 'linux';
  layout: UpgradeLayout;
  app: UpgradeApp;
  /** The A1111 folder (pass as --app). */
  installPath: string;
  /** [installPath], like Scenario.apps of e2e/scenarios. */
  apps: string[];
  venvDir: string;
  /** venv/bin/python or venv/Scripts/python.exe. */
  python: string;
  /** The real folder holding the packages (Lib/site-packages on the Windows layout). */
  sitePackages: string;
  machineFile: string;
  machine: SimMachine;
  nvidiaSmi: string;
  server: IndexServer;
  start: StartState;
  /**
   * A complete environment for TorchLift (not to be merged with the host's: this machine sets PIP_FIND_LINKS):
   * TORCHLIFT_PLATFORM, TORCHLIFT_NVIDIA_SMI, TORCHLIFT_DATA_DIR, TORCHLIFT_TORCH_INDEX (<server>/whl),
   * TORCHLIFT_PIP_INDEX (<server>/simple), TORCHLIFT_SIM_MACHINE, TORCHLIFT_SYSTEM_ROOT, TORCHLIFT_SEARCH_ROOTS …
   */
  env: Record<string, string>;
  /** Runs `<python> -m pip <args>` with `env` plus PIP_CONFIG_FILE=/dev/null and no cache. */
  pip(args: readonly string[]): Promise<RunResult>;
  /** Runs `<python> -c <code>` with `env`. */
  py(code: string): Promise<RunResult>;
  /** Installed distributions, name (lower case) → version, read by the venv's own importlib.metadata. */
  installed(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

/** Options of createUpgradeScenario. */
export interface UpgradeScenarioOptions {
  server: IndexServer;
  /** The SD app around the venv (default a1111; comfyui-portable for, and only for, windows-embedded). The venvs are in `venv/`. */
  app?: UpgradeApp;
  layout?: UpgradeLayout;
  /** Default DEFAULT_START. */
  start?: StartState;
  /** The variant folder the starting torch comes from (default: its local tag, "cu118"). */
  startVariant?: string;
  /** COMMANDLINE_ARGS in webui-user.bat/.sh (default "--xformers"). */
  commandlineArgs?: string;
  /** A TORCH_COMMAND line in webui-user.bat/.sh, or none (default). */
  torchCommand?: string;
  /** Default rtx4070Machine(platform). */
  machine?: SimMachine;
  baseDir?: string;
  python?: string;
}

/** The environment pip runs get in these helpers: nothing from the host's pip configuration. */
export function cleanPipEnv(env: Record<string, string>): Record<string, string> {
  return { ...env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1', PIP_NO_CACHE_DIR: '1', PYTHONUTF8: '1' };
}

const BASE_ENV = { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: os.tmpdir() };

function venvPaths(dir: string, layout: UpgradeLayout, real: ResolvedPython): { python: string; sitePackages: string } {
  if (layout === 'windows-embedded') return { python: path.join(dir, 'python.exe'), sitePackages: path.join(dir, 'Lib', 'site-packages') };
  return layout === 'windows-venv'
    ? { python: path.join(dir, 'Scripts', 'python.exe'), sitePackages: path.join(dir, 'Lib', 'site-packages') }
    : { python: path.join(dir, 'bin', 'python'), sitePackages: path.join(dir, 'lib', `python${real.majorMinor}`, 'site-packages') };
}

async function mustRun(file: string, args: readonly string[], env: Record<string, string>, what: string): Promise<RunResult> {
  const r = await run(file, args, { name: what, env, timeoutMs: 180_000 });
  if (!r.ok) throw new Error(`${what} failed (exit ${r.exitCode}): ${r.spawnError ?? ''}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The Windows-layout interpreter script; the machine file (if any) is baked in like the other simulated interpreters. */
async function writeWindowsInterpreter(dir: string, layout: UpgradeLayout, real: ResolvedPython, machineFile: string | null): Promise<void> {
  const embedded = layout === 'windows-embedded';
  // PIP_ROOT_USER_ACTION: pip outside a venv warns about running as root, which only this test machine does.
  await fs.writeFile(venvPaths(dir, layout, real).python, wrapperScript({ layout, real, siteRel: embedded ? 'Lib/site-packages' : '../Lib/site-packages',
    machineFile, homeHere: embedded, extraEnv: { _PYTHON_HOST_PLATFORM: 'win-amd64', ...(embedded ? { PIP_ROOT_USER_ACTION: 'ignore' } : {}) } }),
  { mode: 0o755 });
}

/** Turns a copy of the empty venv into an embedded Python folder (see the top of this file). */
async function toEmbeddedLayout(dir: string, real: ResolvedPython): Promise<void> {
  const lib = path.join(dir, 'lib', `python${real.majorMinor}`);
  await fs.mkdir(path.join(dir, 'Lib'), { recursive: true });
  await fs.rename(path.join(lib, 'site-packages'), path.join(dir, 'Lib', 'site-packages'));
  await Promise.all(['bin', 'include', 'lib', 'lib64', 'pyvenv.cfg'].map((n) => fs.rm(path.join(dir, n), { recursive: true, force: true })));
  await fs.mkdir(lib, { recursive: true });
  const stdlib = path.join(real.prefix, 'lib', `python${real.majorMinor}`);
  const names = (await fs.readdir(stdlib)).filter((n) => n !== 'site-packages');
  await Promise.all(names.map((n) => fs.symlink(path.join(stdlib, n), path.join(lib, n))));
  await fs.symlink(path.join('..', '..', 'Lib', 'site-packages'), path.join(lib, 'site-packages'));
  await Promise.all(layoutExtras(dir, 'windows-embedded', real));
  await writeWindowsInterpreter(dir, 'windows-embedded', real, null);
}

/** Turns a fresh `python -m venv` folder into the Windows layout (see the top of this file). */
async function toWindowsLayout(dir: string, real: ResolvedPython): Promise<void> {
  const posixSite = path.join(dir, 'lib', `python${real.majorMinor}`, 'site-packages');
  await fs.mkdir(path.join(dir, 'Lib'), { recursive: true });
  await fs.rename(posixSite, path.join(dir, 'Lib', 'site-packages'));
  await fs.symlink(path.join('..', '..', 'Lib', 'site-packages'), posixSite);
  await fs.rm(path.join(dir, 'bin'), { recursive: true, force: true });
  await fs.mkdir(path.join(dir, 'Scripts'));
  await fs.symlink('Scripts', path.join(dir, 'bin'));
  await fs.writeFile(path.join(dir, 'Scripts', 'activate.bat'), `@echo off\r\nset "VIRTUAL_ENV=${dir}"\r\n`);
  await writeWindowsInterpreter(dir, 'windows-venv', real, null);
}

/** `name==version` pins of a starting state. */
export function startPins(start: StartState): string[] {
  const pins: string[] = [`torch==${start.torch}`];
  for (const name of ['torchvision', 'torchaudio', 'xformers', 'fakedep'] as const) {
    const v = start[name];
    if (v) pins.push(`${name}==${v}`);
  }
  return pins;
}

/** The variant folder of a torch version: "2.1.2+cu121" → "cu121". */
export function variantOf(torchVersion: string): string {
  return torchVersion.split('+')[1] ?? 'cpu';
}

const pristine = new Map<string, Promise<string>>();
const empty = new Map<string, Promise<string>>();

/** A fresh `python -m venv` (pip only), made once and cached like the pristine venvs: the start of each of them. */
function emptyVenv(real: ResolvedPython): Promise<string> {
  const key = `empty-${createHash('sha256').update(`${real.executable} ${real.version}`).digest('hex').slice(0, 12)}`;
  let found = empty.get(key);
  if (!found) {
    found = (async () => {
      const dir = path.join(E2E_TMP, 'venvs', key);
      if (await fs.stat(path.join(dir, 'pyvenv.cfg')).then(() => true, () => false)) {
        const now = new Date();
        await fs.utimes(dir, now, now).catch(() => undefined);
        return dir;
      }
      const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
      await fs.mkdir(path.dirname(tmp), { recursive: true });
      await mustRun(real.executable, ['-m', 'venv', tmp], BASE_ENV, 'python -m venv');
      await fs.rename(tmp, dir).catch(() => fs.rm(tmp, { recursive: true, force: true }));
      return dir;
    })();
    empty.set(key, found);
    found.catch(() => empty.delete(key));
  }
  return found;
}

/** Builds (or reuses) the pristine venv for a layout and starting state; returns its folder. */
function pristineVenv(set: WheelSet, layout: UpgradeLayout, start: StartState, variant: string, real: ResolvedPython): Promise<string> {
  const key = createHash('sha256').update(JSON.stringify({ set: set.dir, layout, start, variant, py: real.executable, v: real.version, rev: 1 }))
    .digest('hex').slice(0, 16);
  let found = pristine.get(key);
  if (!found) {
    found = (async () => {
      const dir = path.join(E2E_TMP, 'venvs', key);
      if (await fs.stat(path.join(dir, '.complete')).then(() => true, () => false)) {
        const now = new Date();
        await fs.utimes(dir, now, now).catch(() => undefined); // in use: pruneCache leaves it alone
        return dir;
      }
      const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
      await fs.mkdir(path.dirname(tmp), { recursive: true });
      await mustRun('cp', ['-a', await emptyVenv(real), tmp], BASE_ENV, 'cp -a (empty venv)');
      if (layout === 'windows-venv') await toWindowsLayout(tmp, real);
      if (layout === 'windows-embedded') await toEmbeddedLayout(tmp, real);
      const server = await startIndexServer(set);
      try {
        await mustRun(venvPaths(tmp, layout, real).python, ['-m', 'pip', 'install', ...startPins(start),
          '--index-url', server.variantUrl(variant), '--extra-index-url', server.pypiIndex], cleanPipEnv(BASE_ENV), 'pip install (starting state)');
      } finally {
        await server.close();
      }
      await fs.writeFile(path.join(tmp, '.complete'), '');
      await pruneCache(path.dirname(dir), key);
      try {
        await fs.rename(tmp, dir);
      } catch {
        await fs.rm(tmp, { recursive: true, force: true });
      }
      return dir;
    })();
    pristine.set(key, found);
    found.catch(() => pristine.delete(key));
  }
  return found;
}

function webuiUserBat(args: string, torchCommand: string | undefined): string {
  const lines = ['@echo off', '', 'set PYTHON=', 'set GIT=', 'set VENV_DIR=', `set COMMANDLINE_ARGS=${args}`,
    ...(torchCommand ? [`set TORCH_COMMAND=${torchCommand}`] : []), '', 'call webui.bat'];
  return `${lines.join('\r\n')}\r\n`;
}

function webuiUserSh(args: string, torchCommand: string | undefined): string {
  const esc = (s: string): string => s.replace(/(["\\$`])/g, '\\$1');
  return ['#!/bin/bash', '#########################################################', '# Uncomment and change the variables below to your need:#',
    '#########################################################', '', '# Commandline arguments for webui.py, for example: export COMMANDLINE_ARGS="--medvram --opt-split-attention"',
    `export COMMANDLINE_ARGS="${esc(args)}"`, '', '#python_cmd="python3"',
    ...(torchCommand ? ['', `export TORCH_COMMAND="${esc(torchCommand)}"`] : []), ''].join('\n');
}

/**
 * Creates a simulated machine with an A1111 install whose venv holds `start` (installed by real pip from the
 * server's index) and returns the environment that points TorchLift at it. Call cleanup() when done; the server
 * stays the caller's.
 */
export async function createUpgradeScenario(opts: UpgradeScenarioOptions): Promise<UpgradeScenario> {
  const layout = opts.layout ?? 'linux-venv';
  const platform = layout === 'linux-venv' ? 'linux' : 'windows';
  const app = opts.app ?? (layout === 'windows-embedded' ? 'comfyui-portable' : 'a1111');
  if ((app === 'comfyui-portable') !== (layout === 'windows-embedded')) {
    throw new Error(`createUpgradeScenario: app ${app} does not go with layout ${layout} (comfyui-portable is windows-embedded, and only it)`);
  }
  const start = opts.start ?? DEFAULT_START;
  const real = await resolvePython(opts.python);
  const pristineDir = pristineVenv(opts.server.wheels, layout, start, opts.startVariant ?? variantOf(start.torch), real);
  const root = await fs.mkdtemp(path.join(opts.baseDir ?? os.tmpdir(), `tl-upg-${layout}-`));
  const installRel = [...(platform === 'windows' ? ['ユーザー'] : ['home', 'ユーザー']), 'stable diffusion [A1111] & co', APP_DIRS[app]];
  const installPath = path.join(root, ...installRel);
  const venvDir = path.join(installPath, layout === 'windows-embedded' ? 'python_embeded' : 'venv');
  const machine = opts.machine ?? rtx4070Machine(platform);
  const nvidiaSmi = platform === 'windows' ? path.join(root, 'Windows', 'System32', 'nvidia-smi.exe') : path.join(root, 'usr', 'bin', 'nvidia-smi');
  const args = opts.commandlineArgs ?? '--xformers';
  const [machineFile] = await Promise.all([
    writeSimState(root, machine),
    machine.driver ? installFakeNvidiaSmi({ root, exePath: nvidiaSmi }) : Promise.resolve(),
    writeApp(app, installPath, args, opts.torchCommand),
  ]);
  await mustRun('cp', ['-a', await pristineDir, venvDir], BASE_ENV, 'cp -a (pristine venv)');
  await fs.rm(path.join(venvDir, '.complete'), { force: true });
  if (layout !== 'linux-venv') await writeWindowsInterpreter(venvDir, layout, real, machineFile);
  const { python, sitePackages } = venvPaths(venvDir, layout, real);
  const home = platform === 'windows' ? path.join(root, 'ユーザー') : path.join(root, 'home', 'ユーザー');
  const env: Record<string, string> = {
    PATH: [...(platform === 'windows' ? [path.dirname(nvidiaSmi)] : []), '/usr/bin', '/bin'].join(path.delimiter),
    HOME: home,
    USERPROFILE: home,
    LANG: 'C.UTF-8',
    TORCHLIFT_PLATFORM: platform,
    TORCHLIFT_NVIDIA_SMI: machine.driver ? nvidiaSmi : 'none',
    TORCHLIFT_SYSTEM_ROOT: root,
    TORCHLIFT_SEARCH_ROOTS: platform === 'windows' ? path.join(root, 'ユーザー') : path.join(root, 'home'),
    TORCHLIFT_DATA_DIR: path.join(root, 'torchlift-data'),
    TORCHLIFT_SIM_MACHINE: machineFile,
    TORCHLIFT_TORCH_INDEX: opts.server.torchIndex,
    TORCHLIFT_PIP_INDEX: opts.server.pypiIndex,
    ...(platform === 'windows' ? { SystemRoot: path.join(root, 'Windows') } : {}),
  };
  const py = (code: string): Promise<RunResult> => run(python, ['-c', code], { name: 'python', env, timeoutMs: 60_000 });
  return {
    root, platform, layout, app, installPath, apps: [installPath], venvDir, python, sitePackages, machineFile, machine, nvidiaSmi, server: opts.server, start, env,
    pip: (a) => run(python, ['-m', 'pip', ...a], { name: 'pip', env: cleanPipEnv(env), timeoutMs: 180_000 }),
    py,
    async installed() {
      const r = await py('import importlib.metadata as m, json; print(json.dumps({d.metadata["Name"].lower(): d.version for d in m.distributions()}))');
      if (!r.ok) throw new Error(`reading installed distributions failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as Record<string, string>;
    },
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}
