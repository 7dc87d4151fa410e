import { msg } from '../../../../shared/i18n/message.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Journal, TxOutcome } from '../../../../shared/schemas/tx.js';
import { resolveContext, systemRoot, type DetectContext } from '../../detect/detect-context.js';
import { detectGpuDriver } from '../../detect/gpu-driver.js';
import type { Lang } from '../../i18n/translate.js';
import { run } from '../../process/run.js';
import { runTransaction, type VerifyOutcome } from '../../tx/transaction.js';
import { toolkitTarget } from './locations.js';
import { cudaRefusal } from './text.js';

/** NVIDIA's Apps & Features key for a toolkit (facts §8a: `{B2FE1952-…}_CUDAToolkit_<maj.min>`). */
const UNINSTALL_KEY = (mm: string): string => `{B2FE1952-0186-46C3-BAEC-A80AA35AC5B8}_CUDAToolkit_${mm}`;

/** A system-mode cuda-install: committed, no files placed by the engine (NVIDIA's installer wrote them). */
export function isSystemInstall(j: Journal): boolean {
  return j.goal === 'cuda-install' && j.files.length === 0 && j.trees.length === 0 && j.targetRoots.length === 1;
}

/**
 * The toolkit's own uninstaller, found from the machine, never from the journal: Windows — the UninstallString of the
 * toolkit's Uninstall entry (a simulated machine keeps it in <system root>/.sim/registry/uninstall/<key>.json);
 * Linux — `<toolkit>/bin/cuda-uninstaller` (facts §7), run with `--silent` (UNVERIFIED: the flag is the runfile's,
 * assumed to be shared by its uninstaller). Null when there is none.
 */
async function findUninstaller(ctx: DetectContext, toolkit: string, mm: string): Promise<string[] | null> {
  if (ctx.platform !== 'windows') {
    const file = path.join(toolkit, 'bin', 'cuda-uninstaller');
    return (await fs.stat(file).then((s) => s.isFile(), () => false)) ? [file, '--silent'] : null;
  }
  let command: string | null = null;
  if (process.platform === 'win32') {
    const key = `HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${UNINSTALL_KEY(mm)}`;
    const r = await run('reg', ['query', key, '/v', 'UninstallString'], { name: 'reg', env: ctx.env });
    command = r.ok ? (/UninstallString\s+REG_\w+\s+(.+)/.exec(r.stdout)?.[1]?.trim() ?? null) : null;
  } else {
    const file = path.join(systemRoot(ctx), '.sim', 'registry', 'uninstall', `${UNINSTALL_KEY(mm)}.json`);
    command = await fs.readFile(file, 'utf8').then((t) => (JSON.parse(t) as { UninstallString?: string }).UninstallString ?? null, () => null);
  }
  return command === null ? null : splitCommand(command);
}

/** `"C:\x y\a.exe" arg "b c"` → argv (the registry holds one command line; the runner takes an array). */
export function splitCommand(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '').filter((a) => a !== '');
}

/**
 * Undo of a system-mode toolkit install (History's Undo): runs the toolkit's own uninstaller — found from the
 * machine — as its own transaction (`cuda-uninstall`, recorded in History), judged by what is on disk (nvcc gone) and
 * by the driver: nvidia-smi must report the same driver version after as before. The driver is never touched.
 */
export async function undoSystemInstall(args: { dataDir: string; journal: Journal; env: NodeJS.ProcessEnv; lang?: Lang; log?: (line: string) => void }): Promise<TxOutcome> {
  const lang = args.lang ?? 'en';
  const ctx = resolveContext({ env: args.env });
  const toolkit = path.resolve(args.journal.targetRoots[0] ?? '');
  const mm = /(\d+\.\d+)$/.exec(path.basename(toolkit))?.[1] ?? '';
  // Bound to NVIDIA's own place for that version (derived again, never trusted from the journal).
  if (!isSystemInstall(args.journal) || mm === '' || path.resolve(toolkitTarget(ctx, 'system', mm, args.dataDir)) !== toolkit) {
    return { kind: 'refused', refusals: [cudaRefusal(lang, 'undo-not-system', { id: args.journal.id })] };
  }
  const command = await findUninstaller(ctx, toolkit, mm);
  if (command === null) return { kind: 'refused', refusals: [cudaRefusal(lang, 'uninstaller-missing', { version: mm, toolkit })] };
  const driverBefore = (await detectGpuDriver(ctx)).driver.version;
  const exe = ctx.platform === 'windows' ? '.exe' : '';
  return runTransaction({
    dataDir: args.dataDir, goal: 'cuda-uninstall', app: null, targetRoots: [toolkit], files: [],
    intent: msg('cuda:intent.uninstall', { version: mm, toolkit, id: args.journal.id }),
    verify: async (log): Promise<VerifyOutcome> => {
      const lines: string[] = [`uninstaller: ${command.join(' ')}`];
      // A simulated Windows uninstaller (a script on Linux) runs through sh, as the simulated installer does.
      const [file, ...rest] = command as [string, ...string[]];
      const viaSh = process.platform !== 'win32';
      const r = await run(viaSh ? 'sh' : file, viaSh ? [file, ...rest] : rest, { name: 'cuda-uninstaller', env: ctx.env, timeoutMs: 3_600_000, onStdout: (l) => args.log?.(l), onStderr: (l) => args.log?.(l) });
      lines.push(`uninstaller exit code: ${r.exitCode ?? '—'}`, ...r.stderr.split(/\r?\n/).filter((l) => l.trim() !== '').slice(-10));
      const nvccLeft = await fs.stat(path.join(toolkit, 'bin', `nvcc${exe}`)).then(() => true, () => false);
      const driverAfter = (await detectGpuDriver(ctx)).driver.version;
      lines.forEach(log);
      if (driverAfter !== driverBefore) return { ok: false, reason: msg('cuda:verify.uninstallDriverChanged', { before: driverBefore ?? '—', after: driverAfter ?? '—' }), log: lines };
      const uninstaller = path.join(toolkit, 'bin', 'cuda-uninstaller');
      if (!r.ok) return { ok: false, reason: msg('cuda:verify.uninstallFailed', { code: r.exitCode ?? '—', uninstaller }), log: lines };
      if (nvccLeft) return { ok: false, reason: msg('cuda:verify.uninstallLeft', { file: path.join(toolkit, 'bin', `nvcc${exe}`), uninstaller }), log: lines };
      lines.push(`CUDA ${mm} removed; driver ${driverAfter ?? '—'} unchanged`);
      log(lines.at(-1) ?? '');
      return { ok: true, log: lines };
    },
  });
}
