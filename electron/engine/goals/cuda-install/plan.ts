import path from 'node:path';
import type { CudaDownload, CudaEnvVar, CudaInstallInput, CudaInstallPlan } from '../../../../shared/schemas/cuda.js';
import type { Refusal } from '../../../../shared/schemas/tx.js';
import { resolveContext, type DetectContext } from '../../detect/detect-context.js';
import { detectGpuDriver } from '../../detect/gpu-driver.js';
import { versionFromFiles } from '../../detect/toolkits.js';
import { localPath } from '../../download/download.js';
import type { Msg } from '../../../../shared/i18n/message.js';
import type { Lang } from '../../i18n/translate.js';
import { compareMajorMinor } from '../../knowledge/versions.js';
import { canCreateIn, namesIn, toolkitTarget } from './locations.js';
import {
  cudaRedistManifestUrl, cudaRedistUrl, cudaReleaseOf, FORBIDDEN_SUBPACKAGE, installerFileName, installerUrl, LATEST_UPDATE, majorMinor,
  md5sumUrl, nvidiaBase, parseCudaManifest, parseMd5sums, USER_COMPONENTS, windowsSubpackages,
} from './nvidia.js';
import { downloadRow, fetchText } from './sources.js';
import { addTexts } from '../plan-text.js';
import { cm, cudaRefusal, formatBytes } from './text.js';
import { majorOf } from '../../../../shared/versions.js';

/** A plan plus what apply needs that the UI does not (the context is never trusted across calls: apply plans again). */
export interface CudaInstallContext {
  plan: CudaInstallPlan;
  ctx: DetectContext;
  /** The driver version before anything ran (null without a driver). */
  driverBefore: string | null;
  gpuCount: number;
  logDir: string;
}

const REQUIRED = (major: number): string[] => ['cuda_cudart', 'cuda_nvcc', 'cuda_nvrtc', 'libcublas', ...(major >= 12 ? ['libnvjitlink'] : [])];

/** `plan cuda-install`: checks the driver, finds the release's files and checksums, and lists every step. Changes nothing. */
export async function planCudaInstall(args: { input: CudaInstallInput; env: NodeJS.ProcessEnv; dataDir: string }): Promise<CudaInstallContext> {
  const { input, dataDir } = args;
  const lang: Lang = input.lang ?? 'en';
  const ctx = resolveContext({ env: args.env });
  const release = cudaReleaseOf(input.version);
  const mm = majorMinor(input.version);
  const mode = input.mode ?? (input.installer !== undefined ? 'system' : 'user');
  const logDir = path.join(dataDir, 'logs', `cuda-install-${mm}`);
  const plan: CudaInstallPlan = {
    goal: 'cuda-install', version: mm, release: release ?? input.version, mode, platform: ctx.platform, status: 'ready', refusals: [],
    driver: { version: null, maxCuda: null }, target: toolkitTarget(ctx, mode, mm, dataDir), downloads: [], downloadBytes: 0, components: [],
    installerArgs: null, elevation: mode === 'system', env: [], notes: [], steps: [], noteMsgs: [], stepMsgs: [],
  };
  const result: CudaInstallContext = { plan, ctx, driverBefore: null, gpuCount: 0, logDir };
  const note = (m: Msg): void => addTexts(plan.notes, plan.noteMsgs ?? [], lang, m);
  const refuse = (r: Refusal): CudaInstallContext => {
    plan.refusals.push(r);
    plan.status = 'refused';
    return result;
  };
  if (ctx.platform !== 'windows' && ctx.platform !== 'linux') return refuse(cudaRefusal(lang, 'platform-unsupported', { platform: ctx.platform }));
  const platform = ctx.platform;
  if (release === null) return refuse(cudaRefusal(lang, 'unknown-version', { version: input.version, known: Object.keys(LATEST_UPDATE).join(', ') }));
  if (input.mode === 'user' && input.installer !== undefined) return refuse(cudaRefusal(lang, 'installer-with-user-mode'));

  const gd = await detectGpuDriver(ctx);
  plan.driver = { version: gd.driver.version, maxCuda: gd.driver.maxCudaVersion };
  result.driverBefore = gd.driver.version;
  result.gpuCount = gd.gpus.length;
  if (gd.driver.status !== 'ok' || gd.driver.version === null) return refuse(cudaRefusal(lang, 'no-driver', { detail: gd.driver.message, version: mm }));
  if (gd.driver.maxCudaVersion !== null && compareMajorMinor(gd.driver.maxCudaVersion, mm) < 0) {
    return refuse(cudaRefusal(lang, 'driver-too-old', { driver: gd.driver.version, maxCuda: gd.driver.maxCudaVersion, version: mm }));
  }
  note(cm('note.torchOwnCuda'));

  const installed = await versionFromFiles(plan.target);
  if (installed !== null && majorMinor(installed.version) === mm) {
    plan.status = 'already-installed';
    note(cm('note.alreadyInstalled', { version: mm, target: plan.target }));
    return result;
  }
  if (mode === 'user' && (await namesIn(plan.target)).length > 0) return refuse(cudaRefusal(lang, 'target-not-empty', { target: plan.target, version: mm }));

  const base = nvidiaBase(ctx.env);
  const versionVar = `CUDA_PATH_V${mm.replace('.', '_')}`;
  if (mode === 'user') {
    const manifestUrl = cudaRedistManifestUrl(base, release);
    const fetched = await fetchText(manifestUrl, dataDir, lang);
    if (!fetched.ok) return refuse(cudaRefusal(lang, 'source-unavailable', { url: manifestUrl, reason: fetched.reason }));
    let json: unknown = null;
    try {
      json = JSON.parse(fetched.text);
    } catch {
      return refuse(cudaRefusal(lang, 'source-unavailable', { url: manifestUrl, reason: 'not valid JSON' }));
    }
    const components = parseCudaManifest(json, platform);
    const major = majorOf(mm) ?? 0;
    for (const key of REQUIRED(major)) {
      if (!components.has(key)) return refuse(cudaRefusal(lang, 'component-missing', { release, component: key, platform }));
    }
    for (const key of USER_COMPONENTS.filter((k) => components.has(k))) {
      const c = components.get(key)!;
      plan.components.push(key);
      const expected = { sha256: c.artifact.sha256, ...(c.artifact.bytes !== null ? { bytes: c.artifact.bytes } : {}) };
      plan.downloads.push(await downloadRow({ name: path.posix.basename(c.artifact.relativePath), url: cudaRedistUrl(base, c.artifact.relativePath), expected, dataDir }));
    }
    plan.env = [{ name: 'CUDA_PATH', value: plan.target, scope: 'user' }, { name: versionVar, value: plan.target, scope: 'user' }];
    note(cm('note.userMode', { target: plan.target, versionVar }));
  } else {
    const sumsUrl = md5sumUrl(base, release);
    const sums = await fetchText(sumsUrl, dataDir, lang);
    const md5s = sums.ok ? parseMd5sums(sums.text) : new Map<string, string>();
    let row: CudaDownload;
    if (input.installer !== undefined) {
      const file = localPath(input.installer) ?? input.installer;
      const md5 = md5s.get(path.basename(file));
      row = await downloadRow({ name: path.basename(file), url: file, expected: md5 ? { md5 } : {}, dataDir, local: true });
    } else {
      if (!sums.ok) return refuse(cudaRefusal(lang, 'source-unavailable', { url: sumsUrl, reason: sums.reason }));
      const name = installerFileName(md5s.keys(), release, platform);
      if (name === null) return refuse(cudaRefusal(lang, 'no-installer', { release, platform }));
      row = await downloadRow({ name, url: installerUrl(base, release, name), expected: { md5: md5s.get(name)! }, dataDir });
    }
    plan.downloads.push(row);
    if (platform === 'windows') {
      plan.components = windowsSubpackages(mm);
      plan.installerArgs = ['-s', ...plan.components, '-n', `-log:${logDir}`, '-loglevel:6'];
      plan.env = [{ name: 'CUDA_PATH', value: plan.target, scope: 'machine' }, { name: versionVar, value: plan.target, scope: 'machine' }];
      note(cm('note.systemWindows', { components: plan.components.join(' ') }));
    } else {
      plan.components = ['toolkit'];
      plan.installerArgs = ['--silent', '--toolkit', `--toolkitpath=${plan.target}`];
      note(cm('note.systemLinux', { target: plan.target }));
      const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
      if (!isRoot && !(await canCreateIn(plan.target))) return refuse(cudaRefusal(lang, 'needs-root', { target: plan.target }));
    }
    assertNoDriver(plan.installerArgs);
  }
  note(cm('note.driverUnchanged', { driver: gd.driver.version }));
  plan.downloadBytes = plan.downloads.filter((d) => !d.cached).reduce((n, d) => n + (d.bytes ?? 0), 0);
  addTexts(plan.steps, plan.stepMsgs ?? [], lang, ...stepsOf(plan, lang));
  return result;
}

/** The last guard before an installer command line exists: no driver, no VS integration, no Nsight, no --driver. */
export function assertNoDriver(args: readonly string[]): void {
  const bad = args.find((a) => FORBIDDEN_SUBPACKAGE.test(a) || a === '--driver' || /display\.driver/i.test(a));
  if (bad !== undefined) throw new Error(`refusing an installer command line with ${bad}`);
}

function stepsOf(plan: CudaInstallPlan, lang: Lang): Msg[] {
  const toFetch = plan.downloads.filter((d) => !d.cached);
  const steps = [toFetch.length > 0
    ? cm('step.download', { count: toFetch.length, size: formatBytes(plan.downloadBytes, lang) })
    : cm('step.cached', { count: plan.downloads.length })];
  if (plan.mode === 'user') {
    steps.push(cm('step.extract'), cm('step.place', { target: plan.target }), cm('step.env', { vars: plan.env.map((e) => e.name).join(', ') }));
  } else {
    const command = [plan.downloads[0]?.name ?? 'setup', ...(plan.installerArgs ?? [])].join(' ');
    steps.push(cm(plan.platform === 'windows' ? 'step.installer' : 'step.runfile', { command }));
  }
  steps.push(cm('step.verify', { version: plan.version }));
  return steps;
}

export type { CudaEnvVar };
