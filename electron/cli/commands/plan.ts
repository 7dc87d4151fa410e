import { et } from '../../engine/i18n/engine-text.js';
import { callApi, reportApiError } from '../api-call.js';
import { EXIT, printJson, UsageError, type CliCommand, type CliContext } from '../command.js';
import { formatPlan } from './tx-text.js';
import { CUDA_OPTIONS, CUDA_USAGE, isCudaGoal, planCudaGoal } from './cuda-goals.js';

/** Options shared by `plan` and `apply` for the dll-swap goal. */
export const GOAL_OPTIONS = {
  app: { type: 'string' },
  'cuda-dir': { type: 'string' },
  'cudnn-dir': { type: 'string' },
  ...CUDA_OPTIONS,
} as const;

/** Reads `<goal> --app DIR --cuda-dir DIR [--cudnn-dir DIR]`; only dll-swap is implemented so far. */
export function goalInput(ctx: CliContext): { app: string; cudaDir?: string; cudnnDir?: string; lang: CliContext['lang'] } {
  const usage = (key: string, params?: Record<string, string>): UsageError => new UsageError(et(ctx.lang, `cli.usage.${key}`, params));
  const goal = ctx.positionals[0];
  if (goal === undefined) throw usage('noGoal');
  if (goal !== 'dll-swap') throw usage('goalNotAvailable', { goal });
  if (ctx.positionals.length > 1) throw usage('unexpectedArgument', { arg: ctx.positionals[1] ?? '' });
  const app = ctx.values.app;
  if (typeof app !== 'string') throw usage('appRequired');
  const cudaDir = ctx.values['cuda-dir'];
  const cudnnDir = ctx.values['cudnn-dir'];
  if (typeof cudaDir !== 'string' && typeof cudnnDir !== 'string') throw usage('sourceRequired');
  return { app, ...(typeof cudaDir === 'string' ? { cudaDir } : {}), ...(typeof cudnnDir === 'string' ? { cudnnDir } : {}), lang: ctx.lang };
}

/** `torchlift plan <goal>`: every file it would change, sizes, free space, checks; changes nothing. */
export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'Show what a goal would change (every file, sizes, free space, checks); changes nothing',
  usage: ['plan dll-swap --app DIR [--cuda-dir DIR] [--cudnn-dir DIR] [--json]', ...CUDA_USAGE.plan],
  options: GOAL_OPTIONS,
  allowPositionals: true,
  async run(ctx) {
    const goal = ctx.positionals[0];
    if (isCudaGoal(goal)) return planCudaGoal(ctx, goal);
    const input = goalInput(ctx);
    const result = await callApi(ctx, 'planDllSwap', input);
    if (!result.ok) return reportApiError(ctx, result.error);
    if (ctx.json) printJson(ctx, result.value);
    else ctx.out(formatPlan(result.value, ctx.lang));
    return result.value.status === 'ready' ? EXIT.ok : EXIT.usage;
  },
};
