import fs from 'node:fs';
import path from 'node:path';
import { callApi, reportApiError } from '../api-call.js';
import { EXIT, printJson, UsageError, type CliCommand } from '../command.js';
import { st } from '../../engine/settings/text.js';

/** `torchlift report`: one Markdown file to attach to a forum post (scan, findings, recommendation, history, logs). */
export const reportCommand: CliCommand = {
  name: 'report',
  usage: ['report [--anonymize] [--out FILE] [--json]'],
  options: { anonymize: { type: 'boolean', default: false }, out: { type: 'string' } },
  async run(ctx) {
    const outArg = ctx.values.out as string | undefined;
    // Checked before the scan runs, so a mistyped --out costs nothing.
    let target = outArg === undefined ? null : path.resolve(outArg);
    const isDir = target !== null && fs.existsSync(target) && fs.statSync(target).isDirectory();
    if (target !== null && !isDir && !fs.existsSync(path.dirname(target))) {
      throw new UsageError(st(ctx.lang, 'cli.outFolderMissing', { folder: path.dirname(target) }));
    }
    const r = await callApi(ctx, 'buildReport', { anonymize: ctx.values.anonymize === true, lang: ctx.lang });
    if (!r.ok) return reportApiError(ctx, r.error);
    if (target === null) target = path.resolve(r.value.fileName);
    else if (isDir) target = path.join(target, r.value.fileName);
    try {
      fs.writeFileSync(target, r.value.text);
    } catch (error) {
      ctx.err(`${st(ctx.lang, 'cli.notWritten', { path: target, code: (error as NodeJS.ErrnoException).code ?? String(error) })}\n`);
      return EXIT.failed;
    }
    const bytes = Buffer.byteLength(r.value.text);
    if (ctx.json) printJson(ctx, { path: target, bytes, anonymized: ctx.values.anonymize === true });
    else ctx.out(`${st(ctx.lang, 'cli.written', { path: target })}\n`);
    return EXIT.ok;
  },
};
