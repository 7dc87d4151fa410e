import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job } from '../../../shared/schemas/tx.js';
import { callApi, reportApiError } from '../api-call.js';
import { EXIT, UsageError, type CliCommand, type CliContext } from '../command.js';
import { GOAL_OPTIONS, goalInput } from './goal-input.js';
import { formatUpgradePlan } from './upgrade-text.js';
import { et } from '../../engine/i18n/engine-text.js';
import { formatPlan } from './tx-text.js';
import { reportJobEnd } from './job-end.js';
import { applyCudaGoal, CUDA_OPTIONS, CUDA_USAGE, isCudaGoal } from './cuda-goals.js';

/** `torchlift apply <goal>`: runs the plan as a transaction, verifies, rolls back automatically on failure. */
export const applyCommand: CliCommand = {
  name: 'apply',
  usage: [
    'apply dll-swap --app DIR [--cuda-dir DIR] [--cudnn-dir DIR] [--yes] [--json]',
    'apply torch-upgrade --app DIR [--torch VERSION] [--xformers VERSION|none|keep] [--source official|mirror NAME|URL] [--find-links DIR] [--allow-other-packages] [--yes] [--json]',
    ...CUDA_USAGE.apply,
  ],
  options: { ...GOAL_OPTIONS, ...CUDA_OPTIONS, yes: { type: 'boolean', short: 'y', default: false } },
  allowPositionals: true,
  async run(ctx) {
    const goal = ctx.positionals[0];
    if (isCudaGoal(goal)) {
      if (ctx.values.yes !== true && !process.stdin.isTTY) throw new UsageError(et(ctx.lang, 'cli.usage.noTerminal'));
      return applyCudaGoal(ctx, goal, { confirm, follow, yes: ctx.values.yes === true });
    }
    const parsed = goalInput(ctx);
    if (ctx.values.yes !== true && !process.stdin.isTTY) {
      throw new UsageError(et(ctx.lang, 'cli.usage.noTerminal'));
    }
    if (ctx.values.yes !== true) {
      const shown = parsed.goal === 'torch-upgrade'
        ? await callApi(ctx, 'planTorchUpgrade', parsed.input).then((r) => (r.ok ? { ok: true as const, text: formatUpgradePlan(r.value, ctx.lang), refused: r.value.status === 'refused' } : r))
        : await callApi(ctx, 'planDllSwap', parsed.input).then((r) => (r.ok ? { ok: true as const, text: formatPlan(r.value, ctx.lang), refused: r.value.status === 'refused' } : r));
      if (!shown.ok) return reportApiError(ctx, shown.error);
      ctx.err(shown.text);
      if (shown.refused) return EXIT.usage;
      if (!(await confirm(et(ctx.lang, 'cli.confirm')))) {
        ctx.err(`${et(ctx.lang, 'cli.nothingChanged')}\n`);
        return EXIT.usage;
      }
    }
    const started = parsed.goal === 'torch-upgrade'
      ? await callApi(ctx, 'startApply', { goal: 'torch-upgrade', ...parsed.input })
      : await callApi(ctx, 'startApply', { goal: 'dll-swap', ...parsed.input });
    if (!started.ok) return reportApiError(ctx, started.error);
    return reportJobEnd(ctx, await follow(ctx, started.value.id));
  },
};


/** Polls the job (as the UI does) and prints each new log line to stderr until it ends. */
async function follow(ctx: CliContext, id: string): Promise<Job | null> {
  let shown = 0;
  for (;;) {
    const r = await callApi(ctx, 'getJob', { id, lang: ctx.lang });
    if (!r.ok) {
      reportApiError(ctx, r.error);
      return null;
    }
    for (const line of r.value.log.slice(shown)) ctx.err(`${line}\n`);
    shown = r.value.log.length;
    if (r.value.status !== 'running') return r.value;
    const downloading = r.value.downloads.find((d) => d.state === 'downloading');
    if (downloading && !ctx.json) ctx.err(`${et(ctx.lang, 'cli.copying', { name: downloading.name, percent: Math.round((100 * downloading.doneBytes) / Math.max(1, downloading.bytes ?? 0)) })}\n`);
    const staging = r.value.files.find((f) => f.state === 'staging');
    if (staging && !ctx.json) ctx.err(`${et(ctx.lang, 'cli.copying', { name: path.basename(staging.target), percent: Math.round((100 * staging.doneBytes) / Math.max(1, staging.bytes)) })}\n`);
    await sleep(200);
  }
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
