import fs from 'node:fs/promises';
import path from 'node:path';
import { callApi, reportApiError } from '../api-call.js';
import { EXIT, printJson, UsageError, type CliCommand } from '../command.js';
import { formatFindings } from '../format/detect-text.js';

/** `torchlift doctor FILE|-`: diagnoses pasted text (a log, nvidia-smi, collect_env, webui-user.bat…). */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Diagnose pasted text: an error log, nvidia-smi / nvcc / collect_env / pip output, webui-user.bat',
  usage: ['doctor FILE [--json]', 'doctor - [--json]   (reads standard input)'],
  options: {},
  allowPositionals: true,
  async run(ctx) {
    const source = ctx.positionals[0];
    if (source === undefined) throw new UsageError('give a FILE to read, or "-" to read standard input');
    if (ctx.positionals.length > 1) throw new UsageError(`one input at a time (got ${ctx.positionals.length})`);
    const text = source === '-' ? await readStdin() : await readInput(source);
    const result = await callApi(ctx, 'doctor', { text, lang: ctx.lang });
    if (!result.ok) return reportApiError(ctx, result.error);
    if (ctx.json) printJson(ctx, result.value);
    else ctx.out(formatFindings(result.value.findings, ctx.lang));
    return EXIT.ok;
  },
};

async function readInput(file: string): Promise<string> {
  const resolved = path.resolve(file);
  try {
    const stat = await fs.stat(resolved);
    if (stat.isDirectory()) throw new UsageError(`"${resolved}" is a folder; give the text file to diagnose`);
    if (stat.size > 2_000_000) throw new UsageError(`"${resolved}" is ${stat.size} bytes; paste at most 2 MB of log`);
    return await fs.readFile(resolved, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read "${resolved}" (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
