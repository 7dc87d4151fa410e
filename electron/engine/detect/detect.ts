import path from 'node:path';
import type { DetectReport, Gpu, Install, Platform } from '../../../shared/schemas/detect.js';
import { archFit, architectureOf, smOf } from '../knowledge/arch.js';
import { isCpuOnlyBuild } from '../parsers/torch-version.js';
import { resolveContext, type DetectContext } from './detect-context.js';
import { discoverInstalls, searchRoots } from './discover.js';
import { realPathOrSelf } from './fs-safe.js';
import { detectGpuDriver } from './gpu-driver.js';
import { readInstall } from './installs.js';
import type { Interpreter } from './interpreter.js';
import { applyProbe } from './probe-apply.js';
import { runProbe } from './probe-runner.js';
import { detectToolkits } from './toolkits.js';

/** Options of one detection run. */
export interface DetectOptions {
  /** Install folders the user named (--app); each is reported even when it is not an SD install. */
  apps: string[];
  /** Start each install's Python to import torch (phase "complete"); false = files only (phase "quick"). */
  probe: boolean;
  env?: NodeJS.ProcessEnv;
  platform?: Platform;
  probeTimeoutMs?: number;
}

/**
 * Detects GPUs, driver, toolkits and SD installs. Everything runs concurrently: each install's probe starts as
 * soon as that install is found, while nvidia-smi is still running; one probe's failure never hides another's result.
 */
export async function detect(opts: DetectOptions): Promise<DetectReport> {
  const started = performance.now();
  const ctx = resolveContext(opts);
  const gpuDriver = detectGpuDriver(ctx);
  const toolkits = detectToolkits(ctx);
  const installs = detectInstalls(opts, ctx);
  const [gd, tk, inst] = await Promise.all([gpuDriver, toolkits, installs]);
  const gpus = withProbeCapabilities(gd.gpus, inst).map(withArchitecture);
  return {
    schemaVersion: 1,
    platform: ctx.platform,
    gpus,
    driver: gd.driver,
    toolkits: tk,
    installs: inst.map((i) => withGpuSupport(i, gpus[0]?.computeCapability ?? null)),
    findings: [],
    phase: opts.probe ? 'complete' : 'quick',
    durationMs: Math.round(performance.now() - started),
  };
}

async function detectInstalls(opts: DetectOptions, ctx: DetectContext): Promise<Install[]> {
  const seen = new Set<string>();
  const explicit: Promise<Install | null>[] = [];
  const found: Promise<Install | null>[] = [];
  const start = (dir: string, isExplicit: boolean): Promise<Install | null> => processInstall({ dir, isExplicit, opts, ctx, seen });
  for (const app of opts.apps) explicit.push(start(app, true));
  // Claim explicit folders first so auto-discovery does not report them twice.
  await Promise.all(opts.apps.map(async (a) => seen.add(await realPathOrSelf(path.resolve(a)))));
  await discoverInstalls({ roots: await searchRoots(ctx), onFound: (dir) => found.push(start(dir, false)) });
  const all = [...(await Promise.all(explicit)), ...(await Promise.all(found))];
  return all.filter((i): i is Install => i !== null);
}

async function processInstall(args: {
  dir: string; isExplicit: boolean; opts: DetectOptions; ctx: DetectContext; seen: Set<string>;
}): Promise<Install | null> {
  const { dir, isExplicit, opts, ctx, seen } = args;
  if (!isExplicit) {
    const real = await realPathOrSelf(dir);
    if (seen.has(real)) return null;
    seen.add(real);
  }
  const quick = await readInstall({ dir, ctx });
  if (!isExplicit && quick.install.kind === 'unknown') return null;
  if (!opts.probe || !quick.interpreter) {
    if (opts.probe && !quick.interpreter && quick.install.kind !== 'unknown') {
      return { ...quick.install, probe: { state: 'no-python', message: 'no Python interpreter was found for this install', durationMs: null } };
    }
    return quick.install;
  }
  if (!isExplicit && !ownInterpreter(quick.interpreter, quick.install.path)) {
    const message = `not started: ${quick.interpreter.path} lies outside this install folder (set in its launcher), and TorchLift does not `
      + 'run programs found by scanning outside the install they came with. Pass this folder with --app (or add it in TorchLift) to check it.';
    return { ...quick.install, probe: { state: 'not-run', message, durationMs: null } };
  }
  const r = await runProbe({ python: quick.interpreter.path, ctx, timeoutMs: opts.probeTimeoutMs, cwd: quick.install.path });
  return applyProbe(quick.install, r);
}

/**
 * True when the interpreter belongs to the install: found in its own env folders (venv, .venv, python_embeded, the
 * package's system/python) or lying inside the install folder. A launcher's VENV_DIR / PYTHON pointing elsewhere is
 * not, so scanning never starts a program that an unpacked download merely names.
 */
function ownInterpreter(interpreter: Interpreter, installDir: string): boolean {
  if (interpreter.source === 'venv' || interpreter.source === 'embedded' || interpreter.source === 'package') return true;
  const rel = path.relative(path.resolve(installDir), path.resolve(interpreter.path));
  return rel !== '' && rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel);
}

/** Names the GPU's architecture from its compute capability (knowledge/arch.ts), for every host and the report. */
function withArchitecture(gpu: Gpu): Gpu {
  const architecture = gpu.computeCapability === null ? null : architectureOf(gpu.computeCapability);
  return architecture === null ? gpu : { ...gpu, architecture };
}

/**
 * Says on the install's torch whether it is a CPU-only build and whether the build has kernels for the GPU (the
 * device its probe saw, else GPU 0), with the engine's own judgements (isCpuOnlyBuild, the doctor's archFit), so no
 * other layer re-derives them from the version string or the arch list.
 */
export function withGpuSupport(install: Install, gpuCc: string | null): Install {
  const torch = install.torch;
  if (torch === null) return install;
  const cpuOnly = isCpuOnlyBuild({ version: torch.version, cudaVersion: torch.cudaVersion, imported: torch.source === 'import' });
  const cc = torch.deviceCapabilities?.[0] ?? gpuCc;
  const fit = cc === null ? null : archFit(cc, torch.archList);
  const sm = cc === null ? null : smOf(cc);
  const gpuSupport = fit === null || cc === null || sm === null ? {} : { gpuSupport: { fit, cc, sm } };
  return { ...install, torch: { ...torch, cpuOnly, ...gpuSupport } };
}

/**
 * Fills a lone GPU's missing compute capability from what a probe saw. Only for one GPU: CUDA orders devices
 * fastest-first while nvidia-smi orders by PCI bus, so indexes of several GPUs cannot be matched safely.
 */
function withProbeCapabilities(gpus: Gpu[], installs: Install[]): Gpu[] {
  const only = gpus[0];
  if (gpus.length !== 1 || !only || only.computeCapability !== null) return gpus;
  const cap = installs.map((i) => i.torch?.deviceCapabilities ?? []).find((c) => c.length === 1)?.[0];
  return cap ? [{ ...only, computeCapability: cap, computeCapabilitySource: 'probe' }] : gpus;
}
