import path from 'node:path';
import type { ApiError } from '../../../shared/api/result.js';
import { readFileBounded, readStreamBounded, stdinRefusal, type BoundedReadFailure } from '../../engine/fs/bounded-read.js';
import { callApi, reportApiError } from '../api-call.js';
import { EXIT, printJson, UsageError, type CliCommand } from '../command.js';
import { formatFindings } from '../format/detect-text.js';
import { ct } from '../help.js';
import type { Lang } from '../../../shared/api/contract.js';

/** The most characters the doctor reads (the API's limit on `text`). */
const MAX_CHARS = 2_000_000;
/** The same limit in bytes while reading (UTF-8 needs up to 3 bytes for a Japanese or Chinese character). */
const MAX_BYTES = 3 * MAX_CHARS;

/** `torchlift doctor FILE|-`: diagnoses pasted text (a log, nvidia-smi, collect_env, webui-user.bat…). */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: ['doctor FILE [--json]', 'doctor - [--json]'],
  options: {},
  allowPositionals: true,
  async run(ctx) {
    const source = ctx.positionals[0];
    if (source === undefined) throw new UsageError(ct(ctx.lang, 'doctorInput.noInput'));
    if (ctx.positionals.length > 1) throw new UsageError(ct(ctx.lang, 'doctorInput.oneInput', { count: ctx.positionals.length }));
    // Limits apply while reading: nothing larger than MAX_BYTES is ever held, and devices or FIFOs are not read at all.
    const name = source === '-' ? ct(ctx.lang, 'doctorInput.stdin') : ct(ctx.lang, 'doctorInput.file', { path: path.resolve(source) });
    const read = source === '-' ? (stdinRefusal() ?? (await readStreamBounded(process.stdin, MAX_BYTES))) : await readFileBounded(source, MAX_BYTES);
    if (!read.ok) return reportApiError(ctx, inputError(ctx.lang, name, read));
    if (read.text.length > MAX_CHARS) return reportApiError(ctx, inputError(ctx.lang, name, { ok: false, reason: 'too-large', limit: MAX_BYTES }));
    const result = await callApi(ctx, 'doctor', { text: read.text, lang: ctx.lang });
    if (!result.ok) return reportApiError(ctx, result.error);
    if (ctx.json) printJson(ctx, result.value);
    else ctx.out(formatFindings(result.value.findings, ctx.lang));
    return EXIT.ok;
  },
};

/** The error for input the doctor refused (exit 2; with --json also the JSON document), in the user's language. */
function inputError(lang: Lang, name: string, failure: BoundedReadFailure): ApiError {
  const tr = (key: string, params?: Record<string, string | number>): string => ct(lang, `doctorInput.${key}`, params);
  switch (failure.reason) {
    case 'too-large':
      return { code: 'input-too-large', message: tr('tooLarge', { name, limit: MAX_CHARS.toLocaleString(lang) }), fix: tr('tooLargeFix') };
    case 'folder':
      return { code: 'input-not-a-file', message: tr('folder', { name }), fix: tr('folderFix') };
    case 'special':
      return { code: 'input-not-a-file', message: tr('special', { name, kind: tr(`kind.${failure.kind}`) }), fix: tr('specialFix') };
    case 'unreadable':
      return { code: 'input-unreadable', message: tr('unreadable', { name, code: failure.code }), fix: tr('unreadableFix') };
  }
}
