import { z } from 'zod';

/**
 * One engine text as it travels between engine, hosts and renderer: a catalog key (`namespace:dotted.path`, the
 * namespace being a file in resources/locales/<lang>/) and its parameters. A parameter may itself be a message
 * (a refusal quoted inside a job message, a verify failure inside a rollback reason); raw text that no catalog
 * holds (an OSError, a path, a version) is a plain string and is shown verbatim in every language.
 *
 * Every host renders a message with i18next in the user's language at the moment it is shown, so a stored
 * journal written while the app spoke English reads in Japanese later, and no English sentence is ever matched
 * back against a catalog.
 */
export type MsgParam = string | number | Msg;
export interface Msg {
  key: string;
  params?: Record<string, MsgParam>;
}

export const Msg: z.ZodType<Msg> = z.lazy(() =>
  z.object({
    key: z.string().min(1).max(200),
    params: z.record(z.string(), z.union([z.string(), z.number(), Msg])).optional(),
  }),
);

/** A message: `msg('engine:reason.verify-failed', { detail })`. */
export function msg(key: string, params?: Record<string, MsgParam>): Msg {
  return params === undefined ? { key } : { key, params };
}

/** Any i18next-like translate function (i18next's `t`, react-i18next's `t`, the engine's own). */
export type TranslateFn = (key: string, params?: Record<string, unknown>) => string;

/** The message in the language `t` speaks; nested messages are rendered first, in the same language. */
export function renderMsg(t: TranslateFn, m: Msg): string {
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(m.params ?? {})) {
    params[name] = typeof value === 'object' ? renderMsg(t, value) : value;
  }
  return t(m.key, { ...params, interpolation: { escapeValue: false } });
}

/** True for a message object (as opposed to a raw string), for fields that may hold either during migration. */
export function isMsg(value: unknown): value is Msg {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';
}
