import { callApi, reportApiError } from '../api-call.js';
import { EXIT, printJson, UsageError, type CliCommand } from '../command.js';
import { et } from '../../engine/i18n/engine-text.js';
import { formatRefusals } from './tx-text.js';

/** `torchlift rollback ID|--last`: restores what a committed transaction changed, byte for byte. */
export const rollbackCommand: CliCommand = {
  name: 'rollback',
  usage: ['rollback ID [--json]', 'rollback --last [--json]'],
  options: { last: { type: 'boolean', default: false } },
  allowPositionals: true,
  async run(ctx) {
    const id = ctx.values.last === true ? 'last' : ctx.positionals[0];
    if (id === undefined || (ctx.values.last === true && ctx.positionals.length > 0) || ctx.positionals.length > 1) {
      throw new UsageError(et(ctx.lang, 'cli.usage.rollbackId'));
    }
    const result = await callApi(ctx, 'rollback', { id, lang: ctx.lang });
    if (!result.ok) return reportApiError(ctx, result.error);
    if (ctx.json) printJson(ctx, result.value);
    if (result.value.kind === 'refused') {
      ctx.err(formatRefusals(result.value.refusals, ctx.lang));
      return result.value.refusals.some((r) => r.code === 'rollback-incomplete') ? EXIT.failed : EXIT.usage;
    }
    if (!ctx.json) ctx.out(`${et(ctx.lang, 'cli.rolledBack', { id: result.value.txId, files: result.value.files })}\n`);
    return EXIT.ok;
  },
};
