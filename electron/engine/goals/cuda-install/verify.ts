import fs from 'node:fs/promises';
import path from 'node:path';
import { systemRoot, type DetectContext } from '../../detect/detect-context.js';
import { detectGpuDriver } from '../../detect/gpu-driver.js';
import { versionFromFiles } from '../../detect/toolkits.js';
import { parseNvccVersion } from '../../parsers/nvcc.js';
import { run } from '../../process/run.js';
import type { VerifyOutcome } from '../../tx/transaction.js';
import { majorMinor } from './nvidia.js';
import { type Msg, msg } from '../../../../shared/i18n/message.js';
import { english } from '../../i18n/engine-text.js';

/** A verification text of cuda.json as a message (journals store it with its English; hosts render it). */
const en = (key: string, params: Record<string, string | number>): Msg => msg(`cuda:verify.${key}`, params);

/** Where success really shows (facts §14): files, the registry (system mode on Windows), nvcc, deviceQuery, the driver. */
export interface ToolkitCheck {
  ctx: DetectContext;
  dir: string;
  /** X.Y expected. */
  version: string;
  driverBefore: string | null;
  gpuCount: number;
  /** System mode on Windows: the installer's registry key must exist. */
  registry: boolean;
}

/**
 * Verifies a toolkit: `nvcc --version` and version.json report X.Y, the registry key (system mode, Windows),
 * deviceQuery's `Result = PASS` where the demo suite exists and a GPU is present, and the same driver version as
 * before — never the installer's exit code alone.
 */
export async function verifyToolkit(c: ToolkitCheck): Promise<VerifyOutcome> {
  const log: string[] = [];
  const fail = (reason: Msg): VerifyOutcome => ({ ok: false, reason, log });
  const exe = c.ctx.platform === 'windows' ? '.exe' : '';
  const nvcc = path.join(c.dir, 'bin', `nvcc${exe}`);
  if (!(await isFile(nvcc))) return fail(en('nvccMissing', { path: nvcc }));
  const r = await runTool(nvcc, ['--version'], c.ctx);
  log.push(`nvcc --version: exit ${r.exitCode}`, ...r.stdout.split(/\r?\n/).filter((l) => l.trim() !== ''));
  if (!r.ok) return fail(en('nvccFailed', { detail: (r.spawnError ?? r.stderr.trim()) || `exit ${r.exitCode}` }));
  const parsed = parseNvccVersion(r.stdout);
  if (parsed === null || majorMinor(parsed.version) !== c.version) return fail(en('nvccVersion', { found: parsed?.version ?? '?', version: c.version }));
  const files = await versionFromFiles(c.dir);
  if (files === null || majorMinor(files.version) !== c.version) return fail(en('versionJson', { found: files?.version ?? '—', version: c.version }));
  log.push(`version.json: ${files.fullVersion ?? files.version}`);
  if (c.registry && !(await registryHasToolkit(c))) return fail(en('registryMissing', { version: c.version }));
  const deviceQuery = path.join(c.dir, 'extras', 'demo_suite', `deviceQuery${exe}`);
  if (c.gpuCount > 0 && (await isFile(deviceQuery))) {
    const dq = await runTool(deviceQuery, [], c.ctx);
    log.push(`deviceQuery: ${dq.stdout.split(/\r?\n/).find((l) => l.startsWith('Result')) ?? `exit ${dq.exitCode}`}`);
    if (!/Result = PASS/.test(dq.stdout)) return fail(en('deviceQuery', { detail: dq.stdout.trim().split(/\r?\n/).pop() ?? dq.stderr.trim() }));
  }
  const after = (await detectGpuDriver(c.ctx)).driver.version;
  if (after !== c.driverBefore) return fail(en('driverChanged', { before: c.driverBefore ?? '—', after: after ?? '—' }));
  log.push(english(en('ok', { version: c.version, driver: after ?? '—' })));
  return { ok: true, log };
}

/** Runs a toolkit program; a simulated Windows .exe (a shell script on Linux) runs through sh. */
export function runTool(file: string, args: readonly string[], ctx: DetectContext): ReturnType<typeof run> {
  const simulatedExe = process.platform !== 'win32' && file.toLowerCase().endsWith('.exe');
  return simulatedExe
    ? run('sh', [file, ...args], { name: path.basename(file), env: ctx.env, timeoutMs: 60_000 })
    : run(file, args, { name: path.basename(file), env: ctx.env, timeoutMs: 60_000 });
}

async function registryHasToolkit(c: ToolkitCheck): Promise<boolean> {
  if (process.platform === 'win32') {
    const key = `HKLM\\SOFTWARE\\NVIDIA Corporation\\GPU Computing Toolkit\\CUDA\\v${c.version}`;
    const r = await run('reg', ['query', key, '/v', 'InstallDir'], { name: 'reg', env: c.ctx.env });
    return r.ok && /InstallDir/.test(r.stdout);
  }
  // A simulated Windows machine keeps its registry stand-in under <system root>/.sim/registry.
  try {
    const json = JSON.parse(await fs.readFile(path.join(systemRoot(c.ctx), '.sim', 'registry', `cuda-v${c.version}.json`), 'utf8')) as { InstallDir?: string };
    return typeof json.InstallDir === 'string';
  } catch {
    return false;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}
