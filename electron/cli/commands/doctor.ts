import path from 'node:path';
import type { ApiError } from '../../../shared/api/result.js';
import { readFileBounded, readStreamBounded, stdinRefusal, type BoundedReadFailure } from '../../engine/fs/bounded-read.js';
import { callApi, reportApiError } from '../api-call.js';
import { EXIT, printJson, UsageError, type CliCommand } from '../command.js';
import { formatFindings } from '../format/detect-text.js';

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
    if (source === undefined) throw new UsageError('give a FILE to read, or "-" to read standard input');
    if (ctx.positionals.length > 1) throw new UsageError(`one input at a time (got ${ctx.positionals.length})`);
    // Limits apply while reading: nothing larger than MAX_BYTES is ever held, and devices or FIFOs are not read at all.
    const name = source === '-' ? 'standard input' : `"${path.resolve(source)}"`;
    const read = source === '-' ? (stdinRefusal() ?? (await readStreamBounded(process.stdin, MAX_BYTES))) : await readFileBounded(source, MAX_BYTES);
    if (!read.ok) return reportApiError(ctx, inputError(name, read));
    if (read.text.length > MAX_CHARS) return reportApiError(ctx, inputError(name, { ok: false, reason: 'too-large', limit: MAX_BYTES }));
    const result = await callApi(ctx, 'doctor', { text: read.text, lang: ctx.lang });
    if (!result.ok) return reportApiError(ctx, result.error);
    if (ctx.json) printJson(ctx, result.value);
    else ctx.out(formatFindings(result.value.findings, ctx.lang));
    return EXIT.ok;
  },
};

/** The error for input the doctor refused (exit 2; with --json also the JSON document). */
function inputError(name: string, failure: BoundedReadFailure): ApiError {
  switch (failure.reason) {
    case 'too-large':
      return {
        code: 'input-too-large',
        message: `${name} is larger than the doctor reads (at most ${MAX_CHARS.toLocaleString('en')} characters, about 2 MB); nothing was diagnosed`,
        fix: 'Give only the part of the log around the error: the last few hundred lines are usually enough.',
      };
    case 'folder':
      return { code: 'input-not-a-file', message: `${name} is a folder`, fix: 'Give the text file to diagnose.' };
    case 'special':
      return {
        code: 'input-not-a-file',
        message: `${name} is ${failure.kind}, not a text file; nothing was read from it`,
        fix: 'Save the text to a file and give that file, or pipe it in and give "-".',
      };
    case 'unreadable':
      return { code: 'input-unreadable', message: `cannot read ${name} (${failure.code})`, fix: 'Check the path.' };
  }
}
