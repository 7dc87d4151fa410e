import { callApi, reportApiError } from '../api-call.js';
import { EXIT, printJson, type CliCommand } from '../command.js';
import { GOAL_OPTIONS, goalInput } from './goal-input.js';
import { formatUpgradePlan } from './upgrade-text.js';
import { formatPlan } from './tx-text.js';
import { CUDA_OPTIONS, CUDA_USAGE, isCudaGoal, planCudaGoal } from './cuda-goals.js';

/** `torchlift plan <goal>`: every file it would change, sizes, free space, checks; changes nothing. */
export const planCommand: CliCommand = {
  name: 'plan',
  usage: [
    'plan dll-swap --app DIR [--cuda-dir DIR] [--cudnn-dir DIR] [--json]',
    'plan torch-upgrade --app DIR [--torch VERSION] [--xformers VERSION|none|keep] [--source official|mirror NAME|URL] [--find-links DIR] [--allow-other-packages] [--json]',
    ...CUDA_USAGE.plan,
  ],
  options: { ...GOAL_OPTIONS, ...CUDA_OPTIONS },
  allowPositionals: true,
  async run(ctx) {
    const goal = ctx.positionals[0];
    if (isCudaGoal(goal)) return planCudaGoal(ctx, goal);
    const parsed = goalInput(ctx);
    if (parsed.goal === 'torch-upgrade') {
      const result = await callApi(ctx, 'planTorchUpgrade', parsed.input);
      if (!result.ok) return reportApiError(ctx, result.error);
      if (ctx.json) printJson(ctx, result.value);
      else ctx.out(formatUpgradePlan(result.value, ctx.lang));
      return result.value.status === 'ready' ? EXIT.ok : EXIT.usage;
    }
    const result = await callApi(ctx, 'planDllSwap', parsed.input);
    if (!result.ok) return reportApiError(ctx, result.error);
    if (ctx.json) printJson(ctx, result.value);
    else ctx.out(formatPlan(result.value, ctx.lang));
    return result.value.status === 'ready' ? EXIT.ok : EXIT.usage;
  },
};
