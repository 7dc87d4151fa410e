import type { Text } from '../engine/i18n/engine-text.js';
import type { ParseArgsConfig } from 'node:util';
import type { Lang } from '../../shared/api/contract.js';
import type { Platform } from '../../shared/schemas/detect.js';

/** Everything a command needs, passed in so commands can be tested without a real terminal. */
export interface CliContext {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  json: boolean;
  lang: Lang;
  env: NodeJS.ProcessEnv;
  platform: Platform;
  /** Machine output (stdout). In --json mode only the JSON document goes here. */
  out: (text: string) => void;
  /** Human progress and logs (stderr). */
  err: (text: string) => void;
  /** Cancelled by Ctrl+C. */
  signal: AbortSignal;
  /** What start-up recovery did before the command ran (already printed to stderr). */
  recoveryNotes: Text[];
}

/**
 * One `torchlift <name>` command. `run` returns the exit code: 0 ok, 1 failed, 2 bad usage/input. Its one-line
 * summary is `summary.<name>` of the CLI catalog (cli.json), so `--help` speaks the user's language.
 */
export interface CliCommand {
  name: string;
  /** Usage lines shown by `--help`, without the leading "torchlift ". */
  usage: string[];
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  /** false for commands that do recovery themselves (`recover`); every other command recovers first. */
  recoverAtStart?: boolean;
  run(ctx: CliContext): Promise<number>;
}

/** A usage or input problem: printed as a clear message, exit code 2, nothing changed. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes of CONTRACT.md. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Writes a value as the one JSON document on stdout. */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.out(`${JSON.stringify(value, null, 2)}\n`);
}
