import type { CudaInstallPlan, CudaPathPlan, CudnnOverlayPlan } from '../../../shared/schemas/cuda.js';
import type { Job } from '../../../shared/schemas/tx.js';
import { ct } from '../../engine/goals/cuda-install/text.js';
import { formatBytes } from '../../../shared/format/bytes.js';
import { callApi, reportApiError } from '../api-call.js';
import { EXIT, printJson, UsageError, type CliContext } from '../command.js';
import { formatRefusals } from './tx-text.js';
import { reportJobEnd } from './job-end.js';

/** Options of the CUDA goals (issue 8), added to `plan` and `apply`. */
export const CUDA_OPTIONS = {
  version: { type: 'string' },
  mode: { type: 'string' },
  installer: { type: 'string' },
  toolkit: { type: 'string' },
  archive: { type: 'string' },
  cudnn: { type: 'string' },
} as const;

export const CUDA_GOALS = ['cuda-install', 'cudnn-overlay', 'cuda-path'] as const;
export type CudaGoal = (typeof CUDA_GOALS)[number];

export const CUDA_USAGE = {
  plan: [
    'plan cuda-install --version X.Y [--mode system|user] [--installer FILE] [--json]',
    'plan cudnn-overlay --toolkit DIR (--archive FILE|--version 9.x) [--json]',
    'plan cuda-path --app DIR [--version X.Y] [--json]',
  ],
  apply: [
    'apply cuda-install --version X.Y [--mode system|user] [--installer FILE] [--yes] [--json]',
    'apply cudnn-overlay --toolkit DIR (--archive FILE|--version 9.x) [--yes] [--json]',
  ],
};

export function isCudaGoal(goal: string | undefined): goal is CudaGoal {
  return (CUDA_GOALS as readonly string[]).includes(goal ?? '');
}

const str = (ctx: CliContext, key: string): string | undefined => (typeof ctx.values[key] === 'string' ? (ctx.values[key] as string) : undefined);

type CudaInput =
  | { goal: 'cuda-install'; version: string; mode?: 'system' | 'user'; installer?: string; lang: CliContext['lang'] }
  | { goal: 'cudnn-overlay'; toolkit: string; archive?: string; version?: string; lang: CliContext['lang'] }
  | { goal: 'cuda-path'; app: string; version?: string; cudnn?: string; lang: CliContext['lang'] };

/** Reads a CUDA goal's options; a missing or wrong one is a usage error (exit 2, nothing changed). */
export function cudaInput(ctx: CliContext, goal: CudaGoal): CudaInput {
  const usage = (key: string, params?: Record<string, string>): UsageError => new UsageError(ct(ctx.lang, `cli.${key}`, params));
  if (ctx.positionals.length > 1) throw usage('unexpectedArgument', { arg: ctx.positionals[1] ?? '' });
  const version = str(ctx, 'version');
  const lang = ctx.lang;
  if (goal === 'cuda-install') {
    if (version === undefined || !/^\d+\.\d+(\.\d+)?$/.test(version)) throw usage('versionRequired');
    const mode = str(ctx, 'mode');
    if (mode !== undefined && mode !== 'system' && mode !== 'user') throw usage('badMode', { mode });
    const installer = str(ctx, 'installer');
    return { goal, version, ...(mode ? { mode } : {}), ...(installer ? { installer } : {}), lang };
  }
  if (goal === 'cudnn-overlay') {
    const toolkit = str(ctx, 'toolkit');
    if (toolkit === undefined) throw usage('toolkitRequired');
    const archive = str(ctx, 'archive');
    if (archive === undefined && version === undefined) throw usage('cudnnSourceRequired');
    if (version !== undefined && !/^\d+\.\d+(\.\d+){0,2}$/.test(version)) throw usage('cudnnSourceRequired');
    return { goal, toolkit, ...(archive ? { archive } : {}), ...(version ? { version } : {}), lang };
  }
  const app = str(ctx, 'app');
  if (app === undefined) throw usage('appRequired');
  if (version !== undefined && !/^\d+\.\d+$/.test(version)) throw usage('versionRequired');
  const cudnn = str(ctx, 'cudnn');
  return { goal, app, ...(version ? { version } : {}), ...(cudnn ? { cudnn } : {}), lang };
}

/** `torchlift plan <cuda goal>`: exit 0 when it can run (or is already done), 2 when refused or blocked. */
export async function planCudaGoal(ctx: CliContext, goal: CudaGoal): Promise<number> {
  const input = cudaInput(ctx, goal);
  if (input.goal === 'cuda-path') {
    const { goal: _g, ...rest } = input;
    const r = await callApi(ctx, 'planCudaPath', rest);
    if (!r.ok) return reportApiError(ctx, r.error);
    if (ctx.json) printJson(ctx, r.value);
    else ctx.out(formatCudaPath(r.value, ctx.lang));
    return r.value.route === 'blocked' ? EXIT.usage : EXIT.ok;
  }
  const r = input.goal === 'cuda-install' ? await callApi(ctx, 'planCudaInstall', withoutGoal(input)) : await callApi(ctx, 'planCudnnOverlay', withoutGoal(input));
  if (!r.ok) return reportApiError(ctx, r.error);
  if (ctx.json) printJson(ctx, r.value);
  else ctx.out(formatCudaPlan(r.value, ctx.lang));
  return r.value.status === 'refused' ? EXIT.usage : EXIT.ok;
}

function withoutGoal<T extends { goal: string }>(input: T): Omit<T, 'goal'> {
  const { goal: _goal, ...rest } = input;
  return rest;
}

/**
 * `torchlift apply <cuda goal>`: shows the plan and asks (unless --yes), runs the job, follows its log.
 * Exit 0 committed, 1 failed and rolled back, 2 refused before anything changed.
 */
export async function applyCudaGoal(ctx: CliContext, goal: CudaGoal, tools: { confirm: (q: string) => Promise<boolean>; follow: (ctx: CliContext, id: string) => Promise<Job | null>; yes: boolean }): Promise<number> {
  const input = cudaInput(ctx, goal);
  if (input.goal === 'cuda-path') throw new UsageError(ct(ctx.lang, 'cli.planOnly'));
  if (!tools.yes) {
    const planned = await planCudaGoalQuiet(ctx, input);
    if (planned === null) return EXIT.failed;
    ctx.err(formatCudaPlan(planned, ctx.lang));
    if (planned.status !== 'ready') return planned.status === 'refused' ? EXIT.usage : EXIT.ok;
    if (!(await tools.confirm(ct(ctx.lang, 'cli.confirm')))) {
      ctx.err(`${ct(ctx.lang, 'cli.nothingChanged')}\n`);
      return EXIT.usage;
    }
  }
  const started = await callApi(ctx, 'startApply', input);
  if (!started.ok) return reportApiError(ctx, started.error);
  return reportJobEnd(ctx, await tools.follow(ctx, started.value.id));
}

async function planCudaGoalQuiet(ctx: CliContext, input: Exclude<CudaInput, { goal: 'cuda-path' }>): Promise<CudaInstallPlan | CudnnOverlayPlan | null> {
  const r = input.goal === 'cuda-install' ? await callApi(ctx, 'planCudaInstall', withoutGoal(input)) : await callApi(ctx, 'planCudnnOverlay', withoutGoal(input));
  if (!r.ok) {
    reportApiError(ctx, r.error);
    return null;
  }
  return r.value;
}

/** A cuda-install or cudnn-overlay plan for a human. */
export function formatCudaPlan(plan: CudaInstallPlan | CudnnOverlayPlan, lang: CliContext['lang']): string {
  const tr = (key: string, params?: Record<string, string | number>): string => ct(lang, `cli.${key}`, params);
  const lines: string[] = [];
  if (plan.goal === 'cuda-install') {
    lines.push(tr('installHeading', { version: plan.version, release: plan.release, mode: plan.mode, target: plan.target }));
    lines.push(tr('driverLine', { driver: plan.driver.version ?? '—', maxCuda: plan.driver.maxCuda ?? '—' }));
    for (const d of plan.downloads) lines.push(`  ${d.cached ? '✓' : '↓'} ${d.name}  ${d.bytes === null ? '' : formatBytes(d.bytes)}  ${d.sha256 ? `sha256 ${d.sha256.slice(0, 12)}…` : d.md5 ? `md5 ${d.md5}` : ''}`.trimEnd());
    if (plan.installerArgs) lines.push(tr('installerArgs', { args: plan.installerArgs.join(' ') }));
    for (const e of plan.env) lines.push(`  ${e.name}=${e.value} (${e.scope})`);
  } else {
    lines.push(tr('overlayHeading', { toolkit: plan.toolkit, cuda: plan.toolkitCuda ?? '?', from: plan.cudnn.from ?? '—', to: plan.cudnn.to ?? '?' }));
    for (const f of plan.files) lines.push(`  ${f.action === 'create' ? '+' : '~'} ${f.target}  ${f.oldBytes === null ? '' : `${formatBytes(f.oldBytes)} → `}${formatBytes(f.bytes)}`);
    if (plan.download) lines.push(`  ${plan.download.cached ? '✓' : '↓'} ${plan.download.name}`);
  }
  if (plan.steps.length > 0) lines.push('', tr('steps'), ...plan.steps.map((s, i) => `  ${i + 1}. ${s}`));
  if (plan.notes.length > 0) lines.push('', tr('notes'), ...plan.notes.map((n) => `  - ${n}`));
  if (plan.status === 'refused') lines.push('', formatRefusals(plan.refusals, lang));
  return `${lines.join('\n')}\n`;
}

/** The guided path for a human: the blocker first, then each step with its state and command. */
export function formatCudaPath(plan: CudaPathPlan, lang: CliContext['lang']): string {
  const tr = (key: string, params?: Record<string, string | number>): string => ct(lang, `cli.${key}`, params);
  const lines = [tr('pathHeading', { app: plan.app, torch: plan.torch.version ?? '—', cuda: plan.targetCuda })];
  if (plan.blocker) lines.push('', `! ${plan.blocker}`);
  lines.push('');
  const mark: Record<string, string> = { todo: '○', done: '✓', skipped: '✓', blocked: '✗' };
  plan.steps.forEach((s, i) => {
    lines.push(`${i + 1}. ${mark[s.state] ?? '○'} ${s.title}`, `     ${s.detail}`);
    if (s.command) lines.push(`     $ ${s.command}`);
  });
  return `${lines.join('\n')}\n`;
}
