import { type Msg, msg } from './message.js';

/**
 * Recommendation reasons and notes (shared/schemas/recommend.ts: a code and its params, an English message beside)
 * as catalog texts in ui.json, for the renderer (recommendation card) and the engine (the torch-upgrade plan's
 * options and notes travel as messages built here) alike.
 */

/**
 * Every reason and note code the engine sends (shared/schemas/recommend.ts) with the params its text needs; the
 * texts are `diagnosis.recommendation.reasons.<code>` in ui.json, with an i18next context where one code has two
 * wordings (`needs-driver_none` when no driver was found, `unconfirmed-data_gpu` / `_target`).
 */
export const REASON_PARAMS: Record<string, readonly string[]> = {
  'needs-driver': ['tag', 'minDriver', 'have'],
  'gpu-too-new': ['cc', 'highest'],
  'gpu-too-old': ['cc', 'lowest'],
  'arch-unknown': ['torch', 'tag', 'platform'],
  'python-unsupported': ['torch', 'python', 'min', 'max'],
  'torch-too-old-for-app': ['app', 'need'],
  'torch-too-new-for-app': ['app', 'max'],
  'app-tested-pair': ['app', 'torch'],
  'app-tested-pair-unfit': ['app', 'torch'],
  'above-app-bound': ['app', 'max', 'torch'],
  'no-gpu-cpu-torch': [],
  'known-issue': ['torch', 'platform', 'summary', 'source'],
  'python-experimental': ['python', 'torch'],
  'no-xformers-for-build': ['torch', 'platform'],
  'newer-without-xformers': ['torch', 'chosen'],
  'driver-unlocks-newer': ['minDriver', 'cuda', 'torch'],
  downgrade: ['from'],
  'already-installed': ['torch'],
  'unconfirmed-data': [],
  'gpu-cc-unknown': ['gpu'],
  'no-driver': [],
};

/** The i18next contexts a code may use (each has its own text in ui.json). */
export const REASON_CONTEXTS: Record<string, readonly string[]> = { 'needs-driver': ['none'], 'unconfirmed-data': ['gpu', 'target'], 'no-gpu-cpu-torch': ['torch'] };

const PLATFORM_NAMES: Record<string, string> = { windows: 'Windows', linux: 'Linux', macos: 'macOS' };

function contextOf(code: string, params: Record<string, string>): string | undefined {
  if (code === 'no-gpu-cpu-torch') return params.torch ? 'torch' : undefined;
  const value = code === 'needs-driver' ? params.have : code === 'unconfirmed-data' ? params.what : undefined;
  if (value === undefined || !REASON_CONTEXTS[code]?.includes(value)) return undefined;
  // unconfirmed-data names the GPU or the target build; without that name the general wording is used.
  return (value === 'gpu' && !params.gpu) || (value === 'target' && !params.torch) ? undefined : value;
}

/**
 * The UI string for a reason or note when its code is known and every param it needs is there; null → show the
 * engine's text. Platforms come back as their names ("Windows"); `app` stays a code for the caller to name.
 */
export function reasonKey(r: { code: string | null; params: Record<string, string> }): { key: string; params: Record<string, string>; context?: string } | null {
  const needed = r.code ? REASON_PARAMS[r.code] : undefined;
  if (!r.code || !needed || !needed.every((p) => r.params[p])) return null;
  const params = { ...r.params, ...(r.params.platform ? { platform: PLATFORM_NAMES[r.params.platform] ?? r.params.platform } : {}) };
  const context = contextOf(r.code, r.params);
  return { key: `diagnosis.recommendation.reasons.${r.code}`, params, ...(context ? { context } : {}) };
}

/**
 * A reason or note as a message (`ui:diagnosis.recommendation.reasons.<code>`, the app named by its own message and
 * the wording's i18next context passed as the `context` param), or null when the code or a param it needs is unknown
 * (the caller keeps the engine's English).
 */
export function reasonMsg(r: { code: string | null; params: Record<string, string> }): Msg | null {
  const key = reasonKey(r);
  if (key === null) return null;
  const app = key.params.app;
  return msg(`ui:${key.key}`, { ...key.params, ...(app ? { app: msg(`ui:scan.kinds.${app}`) } : {}), ...(key.context ? { context: key.context } : {}) });
}
