import { callApi, reportApiError } from '../api-call.js';
import { EXIT, printJson, type CliCommand } from '../command.js';
import { formatDetectReport } from '../format/detect-text.js';

/** `torchlift detect`: GPUs, driver, toolkits, cuDNN, SD installs, probes and findings. */
export const detectCommand: CliCommand = {
  name: 'detect',
  usage: ['detect [--app DIR]... [--no-probe] [--json]'],
  options: {
    app: { type: 'string', multiple: true },
    'no-probe': { type: 'boolean', default: false },
  },
  async run(ctx) {
    const apps = (ctx.values.app as string[] | undefined) ?? [];
    const result = await callApi(ctx, 'detect', { apps, probe: ctx.values['no-probe'] !== true, lang: ctx.lang });
    if (!result.ok) return reportApiError(ctx, result.error);
    if (ctx.json) printJson(ctx, result.value);
    else ctx.out(formatDetectReport(result.value, ctx.lang));
    return EXIT.ok;
  },
};
