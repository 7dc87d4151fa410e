import { callApi, reportApiError } from '../api-call.js';
import { EXIT, printJson, type CliCommand } from '../command.js';
import { et } from '../../engine/i18n/engine-text.js';

/** `torchlift recover`: finishes or undoes any transaction a crash left open. */
export const recoverCommand: CliCommand = {
  name: 'recover',
  recoverAtStart: false,
  usage: ['recover [--json]'],
  options: {},
  async run(ctx) {
    const r = await callApi(ctx, 'recover', { lang: ctx.lang });
    if (!r.ok) return reportApiError(ctx, r.error);
    if (ctx.json) printJson(ctx, r.value);
    else ctx.out(r.value.notes.length === 0 ? `${et(ctx.lang, 'cli.nothingToRecover')}\n` : `${r.value.notes.map((n) => n.note).join('\n')}\n`);
    return r.value.notes.some((n) => n.action === 'failed') ? EXIT.failed : EXIT.ok;
  },
};
