import { type Msg, msg } from '../../../../shared/i18n/message.js';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CudaInstallInput, CudaInstallPlan } from '../../../../shared/schemas/cuda.js';
import type { TxOutcome } from '../../../../shared/schemas/tx.js';
import { ArchiveRefusal, inspectArchive, mapEntries } from '../../archive/archive.js';
import { downloadErrorMsg } from '../../download/error-text.js';
import { ct, cudaRefusal } from './text.js';
import type { DownloadProgress } from '../../download/download.js';
import { runTransaction, type TxProgress, type VerifyOutcome } from '../../tx/transaction.js';
import { planCudaInstall, type CudaInstallContext } from './plan.js';
import { runInstaller } from './installer.js';
import { placeStagedTree, type ArchiveItems } from './staged-tree.js';
import { envScript, setUserEnv } from './user-env.js';
import { verifyToolkit } from './verify.js';
import { fetchAll } from './sources.js';

/** What apply reports while it runs (the job shows it). */
export interface CudaApplyReporter {
  onPlan?: (plan: CudaInstallPlan) => void;
  onProgress?: (p: TxProgress) => void;
  onDownload?: (index: number, p: DownloadProgress) => void;
  log?: (line: string) => void;
}

/**
 * `apply cuda-install`: plans again (never trusting an old plan), downloads and verifies every file, then either
 * places the per-component archives as one transaction (user mode) or runs NVIDIA's installer once and judges the
 * result by what is on disk, the registry, nvcc and the unchanged driver (system mode).
 */
export async function applyCudaInstall(input: CudaInstallInput, opts: { env: NodeJS.ProcessEnv; dataDir: string; backupMode?: 'auto' | 'copy' } & CudaApplyReporter): Promise<{ plan: CudaInstallPlan; outcome: TxOutcome }> {
  const planned = await planCudaInstall({ input, env: opts.env, dataDir: opts.dataDir });
  const { plan } = planned;
  opts.onPlan?.(plan);
  if (plan.status === 'refused') return { plan, outcome: { kind: 'refused', refusals: plan.refusals } };
  if (plan.status === 'already-installed') {
    return { plan, outcome: { kind: 'refused', refusals: [cudaRefusal(input.lang ?? 'en', 'already-installed', { version: plan.version, target: plan.target })] } };
  }
  const log = opts.log ?? (() => undefined);
  const lang = input.lang ?? 'en';
  let paths: string[];
  try {
    paths = await fetchAll(plan.downloads, opts.dataDir, downloadLogger(log, opts.onDownload));
  } catch (error) {
    // Nothing was changed yet: a failed or refused download is a refusal (exit 2), with the reason in the user's words.
    return { plan, outcome: { kind: 'refused', refusals: [cudaRefusal(lang, 'download-failed', { reason: downloadErrorMsg(error) })] } };
  }
  let outcome: TxOutcome;
  try {
    outcome = plan.mode === 'user' ? await installUserMode(planned, paths, opts) : await installSystemMode(planned, paths[0]!, opts);
  } catch (error) {
    if (!(error instanceof ArchiveRefusal)) throw error;
    return { plan, outcome: { kind: 'refused', refusals: [cudaRefusal(lang, 'archive-refused', { reason: error.message })] } };
  }
  if (outcome.kind === 'committed' && plan.mode === 'user') for (const line of await setUserEnv(planned.ctx, plan.env)) log(line);
  return { plan, outcome };
}

/** Download progress as log lines (every 10 %), and to the reporter. */
export function downloadLogger(log: (line: string) => void, onDownload?: (index: number, p: DownloadProgress) => void): (index: number, p: DownloadProgress) => void {
  let last = '';
  return (index, p) => {
    onDownload?.(index, p);
    const percent = p.totalBytes ? `${Math.floor((100 * p.doneBytes) / p.totalBytes / 10) * 10}%` : '';
    const line = `download ${p.name}: ${p.state} ${percent}`.trim();
    if (line !== last) log(line);
    last = line;
  };
}

const intentOf = (plan: Pick<CudaInstallPlan, 'version' | 'mode' | 'target'>): Msg => msg('cuda:intent.install', { version: plan.version, mode: plan.mode, target: plan.target });

async function installUserMode(planned: CudaInstallContext, archives: readonly string[], opts: { dataDir: string; backupMode?: 'auto' | 'copy' } & CudaApplyReporter): Promise<TxOutcome> {
  const { plan } = planned;
  return placeComponentArchives({
    ...opts, plan, archives,
    verify: (log) => verifyToolkit({ ctx: planned.ctx, dir: plan.target, version: plan.version, driverBefore: planned.driverBefore, gpuCount: planned.gpuCount, registry: false }).then((v) => {
      v.log.forEach(log);
      return v;
    }),
  });
}

/**
 * The user-mode install's transaction: NVIDIA's per-component archives (already verified against their sha256),
 * every entry checked, placed into `plan.target` as one transaction — each entry written once, straight into its
 * staging name beside its target, then renamed. Only the files TorchLift writes itself (version.json where no archive
 * has one, the Linux env script) go through a small staging folder in the data folder. Exported for the bench.
 */
export async function placeComponentArchives(args: {
  plan: Pick<CudaInstallPlan, 'version' | 'release' | 'components' | 'platform' | 'target' | 'mode'>;
  archives: readonly string[];
  dataDir: string;
  backupMode?: 'auto' | 'copy';
  verify: (log: (line: string) => void) => Promise<VerifyOutcome>;
} & Omit<CudaApplyReporter, 'onPlan' | 'onDownload'>): Promise<TxOutcome> {
  const { plan } = args;
  const staging = path.join(args.dataDir, 'staging', `cuda-${plan.version}-${randomBytes(4).toString('hex')}`);
  try {
    const executables: string[] = [];
    const seen = new Set<string>();
    const groups: ArchiveItems[] = [];
    // Checked side by side (a .tar.xz is decompressed while checked, on libuv's pool), mapped in order below.
    // A refusal is reported for the first archive in order that has one, as when they were checked one by one.
    const inspected = await Promise.allSettled(args.archives.map((file) => inspectArchive(file)));
    for (const [i, file] of args.archives.entries()) {
      const result = inspected[i]!;
      if (result.status === 'rejected') throw result.reason;
      const checked = result.value;
      const mapped = mapEntries(checked, (e) => {
        const rel = e.path.split('/').slice(1).join('/');
        if (rel === '' || rel === 'LICENSE' || seen.has(rel.toLowerCase())) return null;
        seen.add(rel.toLowerCase());
        if (e.executable) executables.push(rel);
        return rel;
      });
      groups.push({ archive: checked, items: mapped.map((m) => ({ entry: m.entry.name, rel: m.rel, bytes: m.entry.size })) });
      args.log?.(`checked ${path.basename(file)}: ${mapped.length} file(s)`);
    }
    await fs.mkdir(staging, { recursive: true });
    if (!seen.has('version.json')) await fs.writeFile(path.join(staging, 'version.json'), versionJson(plan));
    if (plan.platform === 'linux') await fs.writeFile(path.join(staging, 'torchlift-env.sh'), envScript(plan.target, plan.version));
    args.log?.(`placing ${groups.reduce((n, g) => n + g.items.length, 0)} file(s) from ${groups.length} archive(s)`);
    return await placeStagedTree({
      dataDir: args.dataDir, goal: 'cuda-install', intent: intentOf(plan), stagingDir: staging, archives: groups, target: plan.target, onProgress: args.onProgress, backupMode: args.backupMode,
      verify: async (log) => {
        // Archive entries keep their permission bits; make sure nvcc and deviceQuery can run before they are run.
        if (process.platform !== 'win32') for (const rel of executables) await fs.chmod(path.join(plan.target, ...rel.split('/')), 0o755).catch(() => undefined);
        return args.verify(log);
      },
    });
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

async function installSystemMode(planned: CudaInstallContext, installer: string, opts: { dataDir: string } & CudaApplyReporter): Promise<TxOutcome> {
  const { plan } = planned;
  // No file goes through the transaction engine (the installer writes them); the journal records the install in
  // History, and the verification below decides whether it counts.
  return runTransaction({
    dataDir: opts.dataDir, goal: 'cuda-install', intent: intentOf(plan), app: null, targetRoots: [plan.target], files: [], onProgress: opts.onProgress,
    verify: async (log): Promise<VerifyOutcome> => {
      log(`installer: ${path.basename(installer)} ${(plan.installerArgs ?? []).join(' ')}`);
      const ran = await runInstaller({ ctx: planned.ctx, installer, installerArgs: plan.installerArgs ?? [], logDir: planned.logDir, onLine: (l) => opts.log?.(`installer: ${l}`) });
      log(`${ct('en', 'verify.installerExit', { code: ran.exitCode ?? '—' })} (not trusted alone: checking the disk, the registry and nvcc)`);
      ran.logTail.forEach((l) => log(`setup log: ${l}`));
      const v = await verifyToolkit({ ctx: planned.ctx, dir: plan.target, version: plan.version, driverBefore: planned.driverBefore, gpuCount: planned.gpuCount, registry: plan.platform === 'windows' });
      if (!v.ok) return { ok: false, reason: msg('cuda:verify.installerFailed', { reason: v.reason, code: ran.exitCode ?? 'none' }), log: v.log };
      return v;
    },
  });
}

function versionJson(plan: Pick<CudaInstallPlan, 'release' | 'components'>): string {
  const parts: Record<string, { name: string; version: string }> = { cuda: { name: 'CUDA SDK', version: plan.release } };
  for (const c of plan.components) parts[c] = { name: c, version: plan.release };
  return `${JSON.stringify(parts, null, 3)}\n`;
}
