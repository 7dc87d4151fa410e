import { callApi, reportApiError } from '../api-call.js';
import { EXIT, printJson, type CliCommand } from '../command.js';
import { et } from '../../engine/i18n/engine-text.js';
import { formatBytes } from '../../../shared/format/bytes.js';
import { formatHistory } from './tx-text.js';

/** `torchlift history [--prune [--id ID]...]`: past transactions; pruning deletes their backups. */
export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'Past transactions (id, goal, time, state, files, backups, rollback); --prune frees their backups',
  usage: ['history [--json]', 'history --prune [--id ID]... [--json]'],
  options: { prune: { type: 'boolean', default: false }, id: { type: 'string', multiple: true } },
  async run(ctx) {
    if (ctx.values.prune === true) {
      const ids = ctx.values.id as string[] | undefined;
      const r = await callApi(ctx, 'pruneHistory', ids ? { ids } : {});
      if (!r.ok) return reportApiError(ctx, r.error);
      if (ctx.json) printJson(ctx, r.value);
      else ctx.out(`${et(ctx.lang, 'cli.pruned', { count: r.value.pruned.length, bytes: formatBytes(r.value.freedBytes) })}\n`);
      return EXIT.ok;
    }
    const r = await callApi(ctx, 'history', { lang: ctx.lang });
    if (!r.ok) return reportApiError(ctx, r.error);
    if (ctx.json) printJson(ctx, r.value);
    else ctx.out(formatHistory(r.value.entries, r.value.backupBytes, ctx.lang));
    return EXIT.ok;
  },
};
