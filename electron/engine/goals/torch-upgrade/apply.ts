import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TorchUpgradeInput, TorchUpgradePlan } from '../../../../shared/schemas/torch-upgrade.js';
import type { JobDownload, Refusal, TxOutcome, VerifyReport } from '../../../../shared/schemas/tx.js';
import { buildPipUninstall, pipEnv } from '../../commands/pip.js';
import { offlineInstallCommand } from './commands.js';
import { DownloadError, download, downloadErrorText } from '../../download/index.js';
import { et } from '../../i18n/engine-text.js';
import { currentPlatform } from '../../platform.js';
import { run } from '../../process/run.js';
import { resourcesDir } from '../../resources.js';
import { newTxId } from '../../tx/journal-store.js';
import { runTransaction, type ProgramContext, type ProgramOutcome, type TxProgress, type VerifyOutcome } from '../../tx/transaction.js';
import { normalName } from './installed.js';
import { planTorchUpgrade, type TorchUpgradeInternals } from './plan.js';
import { upgradeRefusal } from './target.js';
import { runUpgradeCheck, speedupText, workloadChange } from './verify.js';

/** Callbacks of a running upgrade (the job reporter, or the CLI's progress lines). */
export interface UpgradeReporter {
  onPlan?(plan: TorchUpgradePlan): void;
  phase?(phase: string, note: string): void;
  setDownloads?(downloads: JobDownload[]): void;
  updateDownload?(index: number, patch: Partial<JobDownload>): void;
  setVerify?(report: VerifyReport): void;
  onProgress?(p: TxProgress): void;
  log?(line: string): void;
}

/**
 * `apply torch-upgrade`: plans again (never trusting a stale plan), downloads every wheel into the verified cache
 * (resumable, checked against the index's sha256), times the workload, then one transaction: the installed packages
 * snapshotted, pip installs only the verified files (`--no-index --find-links`, `--no-deps`, exact pins) in the
 * install's own Python, the launcher rewritten, everything verified in that Python — committed, or rolled back
 * exactly. Exit codes: committed 0, rolled back 1, refused 2.
 */
export async function applyTorchUpgrade(input: TorchUpgradeInput, opts: { env: NodeJS.ProcessEnv; dataDir: string; report?: UpgradeReporter }): Promise<{ plan: TorchUpgradePlan; outcome: TxOutcome }> {
  const r = opts.report ?? {};
  const lang = input.lang ?? 'en';
  r.phase?.('planning', 'resolving the upgrade');
  const planned = await planTorchUpgrade({ input, env: opts.env, dataDir: opts.dataDir });
  r.onPlan?.(planned.plan);
  return executeUpgrade({ ...planned, lang, env: opts.env, dataDir: opts.dataDir, report: r });
}

/** The part of apply after planning (the crash tests drive it with a plan made once). */
export async function executeUpgrade(args: {
  plan: TorchUpgradePlan;
  internals: TorchUpgradeInternals | null;
  lang: 'en' | 'ja' | 'zh-CN';
  env: NodeJS.ProcessEnv;
  dataDir: string;
  report?: UpgradeReporter;
}): Promise<{ plan: TorchUpgradePlan; outcome: TxOutcome }> {
  const { plan, internals, lang } = args;
  const r = args.report ?? {};
  const opts = { env: args.env, dataDir: args.dataDir };
  if (plan.status === 'refused' || internals === null || plan.target === null) return { plan, outcome: { kind: 'refused', refusals: plan.refusals } };

  const jobDir = path.join(opts.dataDir, 'work', newTxId());
  try {
    const wheels = await downloadAll({ internals, plan, jobDir: path.join(jobDir, 'wheels'), report: r, lang });
    if ('refusal' in wheels) return { plan, outcome: { kind: 'refused', refusals: [wheels.refusal] } };

    r.phase?.('measuring', 'timing the current install');
    const before = await runUpgradeCheck({ python: internals.python, env: opts.env, needCuda: internals.nvidia, cwd: os.tmpdir() });
    r.log?.(`before: ${before.ms ?? '?'} ms on ${before.device ?? '?'}`);

    const launcherSources = await stageLaunchers(internals, path.join(jobDir, 'launcher'));
    const target = plan.target;
    const from = plan.current.torch ?? 'none';
    let report: VerifyReport | null = null;
    const outcome = await runTransaction({
      dataDir: opts.dataDir,
      goal: 'torch-upgrade',
      intent: et('en', 'intent.torch-upgrade', { from, to: target.torch, app: path.basename(plan.app) }),
      app: plan.app,
      targetRoots: [internals.envRoot, ...internals.launchers.map((l) => path.dirname(l.file))],
      files: launcherSources.map((l) => ({ target: l.file, source: l.source, label: `${path.basename(l.file)}: TORCH_COMMAND / XFORMERS_PACKAGE` })),
      trees: [
        { root: internals.sitePackages, units: internals.units.site, label: 'site-packages' },
        { root: internals.scriptsDir, units: internals.units.scripts, label: path.basename(internals.scriptsDir) },
      ],
      program: { label: 'installing with pip from the verified files', run: (ctx) => runPip({ internals, wheelDir: wheels.dir, env: opts.env, ctx }) },
      verify: async (log) => {
        const after = await runUpgradeCheck({
          python: internals.python, env: opts.env, needCuda: internals.nvidia, xformersRemoved: internals.xformersRemoved, size: before.size, cwd: os.tmpdir(),
          expect: { torch: target.torch, torchvision: target.torchvision, torchaudio: target.torchaudio, xformers: internals.xformers, cuda: target.cuda },
        });
        report = { checks: after.checks, beforeMs: before.ms, afterMs: after.ms, speedup: speedupText(before.ms, after.ms), change: workloadChange(before.ms, after.ms) };
        r.setVerify?.(report);
        for (const c of after.checks) log(`${c.ok ? 'ok' : 'FAIL'} ${c.name}: ${c.detail}`);
        log(`workload: before ${before.ms ?? '?'} ms, after ${after.ms ?? '?'} ms (${report.speedup})`);
        return verdict(after.failure, after.checks);
      },
      onProgress: (p) => {
        if (p.kind === 'state') r.phase?.(p.state === 'applying' ? 'installing' : p.state, p.note);
        r.onProgress?.(p);
      },
    });
    if (report !== null) r.setVerify?.(report);
    return { plan, outcome };
  } finally {
    await fs.rm(jobDir, { recursive: true, force: true });
  }
}

/** Every wheel into the cache (or verified in place from the local folder), then linked under its own name into one folder pip reads. */
async function downloadAll(args: { internals: TorchUpgradeInternals; plan: TorchUpgradePlan; jobDir: string; report: UpgradeReporter; lang: 'en' | 'ja' | 'zh-CN' }): Promise<{ dir: string } | { refusal: Refusal }> {
  const { internals, report: r } = args;
  const items = internals.items;
  const downloads: JobDownload[] = items.map((i) => {
    const row = args.plan.packages.find((p) => p.url === i.url);
    return { name: wheelName(i.url), url: i.url, bytes: row?.bytes ?? null, doneBytes: 0, speed: 0, etaSeconds: null, state: row?.cached ? 'cached' : 'pending' };
  });
  r.setDownloads?.(downloads);
  r.phase?.('downloading', `${items.length} file(s)`);
  await fs.mkdir(args.jobDir, { recursive: true });
  for (const [index, item] of items.entries()) {
    try {
      const got = await download({
        url: item.url, cacheDir: internals.cacheDir, name: wheelName(item.url), expected: item.sha256 ? { sha256: item.sha256 } : {},
        onProgress: (p) => r.updateDownload?.(index, { doneBytes: p.doneBytes, bytes: p.totalBytes, speed: p.speed, etaSeconds: p.etaSeconds, state: p.state }),
      });
      r.updateDownload?.(index, { state: got.fromCache ? 'cached' : 'done', doneBytes: got.bytes, bytes: got.bytes, etaSeconds: 0 });
      const dest = path.join(args.jobDir, wheelName(item.url));
      await fs.link(got.path, dest).catch(() => fs.copyFile(got.path, dest));
      r.log?.(`${got.fromCache ? 'cached' : got.local ? 'local' : 'downloaded'}: ${wheelName(item.url)} (${got.bytes} bytes, sha256 ${got.sha256.slice(0, 12)}…)`);
    } catch (error) {
      r.updateDownload?.(index, { state: 'failed' });
      const text = error instanceof DownloadError ? downloadErrorText(args.lang, error) : error instanceof Error ? error.message : String(error);
      const code = error instanceof DownloadError && error.code === 'checksum-mismatch' ? 'checksum-mismatch' : 'download-failed';
      return { refusal: upgradeRefusal(args.lang, code, { file: wheelName(item.url), detail: text }) };
    }
  }
  return { dir: args.jobDir };
}

/** The wheel's own file name (pip reads name, version and tags from it): the URL's last segment, decoded. */
function wheelName(url: string): string {
  const last = url.split(/[?#]/)[0]?.split('/').pop() ?? 'wheel.whl';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** pip in the install's Python, through the runner that dies with TorchLift: uninstall what leaves, install the exact set offline. */
async function runPip(args: { internals: TorchUpgradeInternals; wheelDir: string; env: NodeJS.ProcessEnv; ctx: ProgramContext }): Promise<ProgramOutcome> {
  const { internals, ctx } = args;
  const platform = currentPlatform(args.env);
  const runner = path.join(resourcesDir(args.env), 'probe', 'pip_runner.py');
  const env = pipEnv(args.env, os.devNull);
  const commands = [];
  if (internals.removals.length > 0) commands.push(buildPipUninstall({ python: internals.python, platform, names: internals.removals }));
  commands.push(offlineInstallCommand({ python: internals.python, platform, packages: internals.items.map((i) => ({ name: normalName(i.name), version: i.version })), wheelDir: args.wheelDir }));
  for (const cmd of commands) {
    ctx.log(`$ ${cmd.display}`);
    let started: Promise<void> = Promise.resolve();
    const lastErrors: string[] = [];
    const r = await run(cmd.file, ['-B', runner, ...cmd.args.slice(2)], {
      name: 'pip', env: { ...env, PYTHONDONTWRITEBYTECODE: '1' }, timeoutMs: 60 * 60_000,
      onSpawn: (pid) => { started = ctx.started(pid); },
      onStdout: (line) => ctx.log(line),
      onStderr: (line) => {
        ctx.log(line);
        if (/error|denied|WinError/i.test(line)) lastErrors.push(line.trim());
      },
    });
    await started;
    if (!r.ok) {
      const why = lastErrors.at(-1) ?? r.stderr.trim().split(/\r?\n/).at(-1) ?? `exit code ${r.exitCode ?? r.signal ?? '?'}`;
      return { ok: false, reason: et('en', 'reason.pip-failed', { error: why.replace(/^ERROR:\s*/, '') }) };
    }
  }
  return { ok: true };
}

/** New launcher texts written where the transaction stages them from. */
async function stageLaunchers(internals: TorchUpgradeInternals, dir: string): Promise<{ file: string; source: string }[]> {
  await fs.mkdir(dir, { recursive: true });
  return Promise.all(internals.launchers.map(async (l, i) => {
    const source = path.join(dir, `${i}-${path.basename(l.file)}`);
    await fs.writeFile(source, l.text, 'utf8');
    return { file: l.file, source };
  }));
}

/** Every check passed, or the first failure as the rollback reason. */
function verdict(failure: string | null, checks: { name: string; ok: boolean; detail: string }[]): VerifyOutcome {
  if (failure !== null) return { ok: false, reason: et('en', 'verify.probe-failed', { error: failure }), log: [] };
  if (checks.length === 0) return { ok: false, reason: et('en', 'verify.no-checks'), log: [] };
  const bad = checks.find((c) => !c.ok);
  return bad === undefined ? { ok: true, log: [] } : { ok: false, reason: et('en', 'verify.check-failed', { check: bad.name, detail: bad.detail }), log: [] };
}
