import { parseArgs } from 'node:util';
import { Lang } from '../../shared/api/contract.js';
import { langFromEnv } from '../../shared/i18n/lang.js';
import { stripTerminalControls } from '../engine/parsers/text-lines.js';
import { currentPlatform } from '../engine/platform.js';
import { textIn } from '../engine/i18n/engine-text.js';
import { startupRecovery } from '../engine/startup.js';
import { COMMANDS } from './commands/index.js';
import { EXIT, UsageError, type CliCommand, type CliContext } from './command.js';
import { commandHelp, ct, globalHelp } from './help.js';

/** Runs `torchlift <argv>` and returns the exit code. Exported for in-process tests. */
export async function main(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void; env: NodeJS.ProcessEnv; signal?: AbortSignal },
): Promise<number> {
  const [name, ...rest] = argv;
  const lang = helpLang(argv, io.env);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(globalHelp(COMMANDS, lang));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${await packageVersion()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`${ct(lang, 'help.unknownCommand', { name })}\n`);
    return EXIT.usage;
  }
  try {
    const ctx = buildContext(command, rest, io);
    if (ctx === 'help') {
      io.out(commandHelp(command, lang));
      return EXIT.ok;
    }
    if (command.recoverAtStart !== false) {
      ctx.recoveryNotes = (await startupRecovery(ctx.env)).recoveryNotes;
      for (const note of ctx.recoveryNotes) io.err(`recovery: ${textIn(ctx.lang, note)}\n`);
    }
    return await command.run(ctx);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`torchlift ${command.name}: ${(error as Error).message}\n${ct(lang, 'help.runHelp', { name: command.name })}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function buildContext(
  command: CliCommand,
  args: string[],
  io: { out: (s: string) => void; err: (s: string) => void; env: NodeJS.ProcessEnv; signal?: AbortSignal },
): CliContext | 'help' {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...command.options,
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      lang: { type: 'string' },
    },
    allowPositionals: command.allowPositionals ?? false,
    strict: true,
  });
  if (values.help) return 'help';
  const langArg = values.lang;
  let lang = langFromEnv(io.env);
  if (typeof langArg === 'string') {
    const parsed = Lang.safeParse(langArg);
    if (!parsed.success) throw new UsageError(ct(lang, 'help.badLang', { langs: Lang.options.join(', '), got: langArg }));
    lang = parsed.data;
  }
  const json = values.json === true;
  return {
    values,
    positionals,
    json,
    lang,
    env: io.env,
    platform: currentPlatform(io.env),
    // Text meant for a terminal never carries escape sequences from tool output (a GPU name, a log line) that could
    // recolour, retitle or rewrite it; JSON escapes control characters itself.
    out: json ? io.out : (text) => io.out(stripTerminalControls(text)),
    err: (text) => io.err(stripTerminalControls(text)),
    signal: io.signal ?? new AbortController().signal,
    recoveryNotes: [],
  };
}

/** The language for help and usage errors, read before the arguments are parsed: `--lang X` / `--lang=X`, else the environment. */
function helpLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = at < 0 ? undefined : argv[at]?.startsWith('--lang=') ? argv[at]?.slice('--lang='.length) : argv[at + 1];
  const parsed = Lang.safeParse(value);
  return parsed.success ? parsed.data : langFromEnv(env);
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { packageRoot } = await import('../engine/package-root.js');
  const pkg = JSON.parse(await readFile(`${packageRoot()}/package.json`, 'utf8')) as { version: string };
  return pkg.version;
}
