import type { Job } from '../../../shared/schemas/tx.js';
import { EXIT, printJson, type CliContext } from '../command.js';
import { formatRefusals } from './tx-text.js';

/** How a followed apply job ended, for every goal: the job (--json) or its message, and the exit code (0/1/2). */
export function reportJobEnd(ctx: CliContext, job: Job | null): number {
  if (job === null) return EXIT.failed;
  if (ctx.json) printJson(ctx, job);
  if (job.status === 'refused' && job.result?.kind === 'refused') ctx.err(formatRefusals(job.result.refusals, ctx.lang));
  else ctx.err(`${job.message}\n`);
  if (job.status === 'committed') return EXIT.ok;
  return job.status === 'refused' ? EXIT.usage : EXIT.failed;
}
