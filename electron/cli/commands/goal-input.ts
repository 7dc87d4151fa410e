import type { WheelSource } from '../../../shared/schemas/torch-upgrade.js';
import { et } from '../../engine/i18n/engine-text.js';
import { UsageError, type CliContext } from '../command.js';

/** Options of `plan` / `apply` for every goal (each goal reads its own). */
export const GOAL_OPTIONS = {
  app: { type: 'string' },
  'cuda-dir': { type: 'string' },
  'cudnn-dir': { type: 'string' },
  torch: { type: 'string' },
  xformers: { type: 'string' },
  source: { type: 'string' },
  'find-links': { type: 'string' },
  'allow-other-packages': { type: 'boolean', default: false },
} as const;

/** A parsed goal and its API input. */
export type GoalInput =
  | { goal: 'dll-swap'; input: { app: string; cudaDir?: string; cudnnDir?: string; lang: CliContext['lang'] } }
  | { goal: 'torch-upgrade'; input: { app: string; torch?: string; xformers?: string; source?: WheelSource; findLinks?: string; allowOtherPackages?: boolean; lang: CliContext['lang'] } };

/** Reads `<goal> --app DIR …` for the goals that change an install. */
export function goalInput(ctx: CliContext): GoalInput {
  const usage = (key: string, params?: Record<string, string>): UsageError => new UsageError(et(ctx.lang, `cli.usage.${key}`, params));
  const goal = ctx.positionals[0];
  if (goal === undefined) throw usage('noGoal');
  const app = ctx.values.app;
  const str = (k: string): string | undefined => (typeof ctx.values[k] === 'string' ? (ctx.values[k] as string) : undefined);
  if (goal === 'dll-swap') {
    if (ctx.positionals.length > 1) throw usage('unexpectedArgument', { arg: ctx.positionals[1] ?? '' });
    if (typeof app !== 'string') throw usage('appRequired');
    const cudaDir = str('cuda-dir');
    const cudnnDir = str('cudnn-dir');
    if (cudaDir === undefined && cudnnDir === undefined) throw usage('sourceRequired');
    return { goal, input: { app, ...(cudaDir ? { cudaDir } : {}), ...(cudnnDir ? { cudnnDir } : {}), lang: ctx.lang } };
  }
  if (goal === 'torch-upgrade') {
    if (typeof app !== 'string') throw usage('appRequired');
    const rest = ctx.positionals.slice(1);
    const source = parseSource(str('source'), rest, () => usage('sourceValue'));
    if (rest.length > 0) throw usage('unexpectedArgument', { arg: rest[0] ?? '' });
    const torch = str('torch');
    const xformers = str('xformers');
    const findLinks = str('find-links');
    return {
      goal,
      input: {
        app, lang: ctx.lang,
        ...(torch ? { torch } : {}), ...(xformers ? { xformers } : {}), ...(source ? { source } : {}), ...(findLinks ? { findLinks } : {}),
        ...(ctx.values['allow-other-packages'] === true ? { allowOtherPackages: true } : {}),
      },
    };
  }
  throw usage('goalNotAvailable', { goal });
}

/** `--source official`, `--source mirror NAME` (the name is the next word), `--source mirror:NAME`, `--source URL`. */
function parseSource(value: string | undefined, rest: string[], bad: () => Error): WheelSource | undefined {
  if (value === undefined) return undefined;
  if (value === 'official') return { kind: 'official' };
  if (value === 'mirror') {
    const name = rest.shift();
    if (name === undefined) throw bad();
    return { kind: 'mirror', name };
  }
  if (value.startsWith('mirror:')) return { kind: 'mirror', name: value.slice(7) };
  if (/^https?:\/\//i.test(value)) return { kind: 'url', url: value };
  throw bad();
}
