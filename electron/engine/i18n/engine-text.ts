import { matchTemplate } from './match-template.js';
import { type Catalog, type Lang, interpolate, loadCatalog, lookup, t } from './translate.js';

/**
 * The engine's own sentences (resources/locales/<lang>/engine.json). Text the engine stores in English (journals,
 * recovery notes) or that is built by code outside this module is translated by reading the English template
 * backwards (match-template.ts): the params come back out and go into the same key in the user's language. Raw
 * error text (a probe's OSError, a path) is a param and stays verbatim. Unknown English is returned unchanged.
 */

/** `t` for the engine catalog: `et('ja', 'plan.refused')` = `t('ja', 'engine:plan.refused')`. */
export function et(lang: Lang, key: string, params?: Record<string, string | number>): string {
  return t(lang, `engine:${key}`, params);
}

/** Params whose value is itself one of the engine's sentences, and the groups it comes from. */
const PARAM_GROUPS: Record<string, readonly string[]> = {
  reason: ['reason', 'verify'],
  rollbackReason: ['reason'],
  detail: ['verify'],
  action: ['fsAction'],
  what: ['fsWhat'],
  state: ['state'],
  intent: ['intent'],
  doing: ['opWhat'],
  // Why a journal does not hold up: a journalProblem sentence or a containment refusal's message.
  problem: ['journalProblem', 'refusal.target-behind-link.default', 'refusal.target-is-link.default', 'refusal.outside-targets.default'],
};
/** Params whose value is a whole refusal, "<message> <fix>" (recovery notes quote the lock's refusal so). */
const REFUSAL_PARAMS = new Set(['refusal']);
/** Params that must be a known sentence for the template to count as a match (keeps generic templates honest). */
const STRICT = new Set(['action']);

function node(catalog: Catalog, key: string): Catalog {
  let at: Catalog | string | undefined = catalog;
  for (const part of key.split('.')) at = typeof at === 'object' ? at[part] : undefined;
  return typeof at === 'object' ? at : {};
}

function translateParams(lang: Lang, params: Record<string, string>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const groups = PARAM_GROUPS[name];
    const found = REFUSAL_PARAMS.has(name) ? findRefusalText(lang, value) : groups ? findSentence(lang, value, groups) : null;
    if (found === null && STRICT.has(name)) return null;
    out[name] = found ?? value;
  }
  return out;
}

function findSentence(lang: Lang, text: string, groups: readonly string[]): string | null {
  for (const group of groups) {
    for (const [key, template] of Object.entries(node(loadCatalog('en', 'engine'), group))) {
      if (typeof template !== 'string') continue;
      const raw = matchTemplate(template, text);
      const params = raw === null ? null : translateParams(lang, raw);
      if (params === null) continue;
      return interpolate(lookup(loadCatalog(lang, 'engine'), `${group}.${key}`) ?? template, params);
    }
  }
  return null;
}

/** A refusal quoted as "<message> <fix>", in `lang` (joined by a space in English only), or null when none matches. */
function findRefusalText(lang: Lang, text: string): string | null {
  for (const [code, variants] of Object.entries(node(loadCatalog('en', 'engine'), 'refusal'))) {
    if (typeof variants !== 'object') continue;
    for (const [variant, pair] of Object.entries(variants)) {
      if (typeof pair !== 'object' || typeof pair.message !== 'string' || typeof pair.fix !== 'string') continue;
      const raw = matchTemplate(`${pair.message} ${pair.fix}`, text);
      const params = raw === null ? null : translateParams(lang, raw);
      if (params === null) continue;
      const key = `refusal.${code}.${variant}`;
      return [et(lang, `${key}.message`, params), et(lang, `${key}.fix`, params)].join(lang === 'en' ? ' ' : '');
    }
  }
  return null;
}

/** An English sentence made from one of `groups` of engine.json, in `lang`; anything else unchanged. */
export function localizeSentence(lang: Lang, text: string, groups: readonly string[]): string {
  if (lang === 'en') return text;
  return findSentence(lang, text, groups) ?? text;
}

/** Why a transaction was rolled back (or could not be), in `lang`, with any raw error text kept verbatim. */
export function localizeReason(lang: Lang, reason: string): string {
  return localizeSentence(lang, reason, ['reason', 'verify']);
}

/** A refusal (message + fix) in `lang`, found by its code and its English text; unknown ones unchanged. */
export function localizeRefusal<R extends { code: string; message: string; fix: string }>(lang: Lang, refusal: R): R {
  if (lang === 'en') return refusal;
  for (const [variant, pair] of Object.entries(node(loadCatalog('en', 'engine'), `refusal.${refusal.code}`))) {
    if (typeof pair !== 'object' || typeof pair.message !== 'string' || typeof pair.fix !== 'string') continue;
    const m = matchTemplate(pair.message, refusal.message);
    const f = m === null ? null : matchTemplate(pair.fix, refusal.fix);
    const params = m === null || f === null ? null : translateParams(lang, { ...f, ...m });
    if (params === null) continue;
    const key = `refusal.${refusal.code}.${variant}`;
    return { ...refusal, message: et(lang, `${key}.message`, params), fix: et(lang, `${key}.fix`, params) };
  }
  return refusal;
}

/** A refusal built in `lang` from engine.json (`refusal.<code>.<variant>`). */
export function refusal(args: { lang: Lang; code: string; variant?: string; params?: Record<string, string | number> }): { code: string; message: string; fix: string } {
  const key = `refusal.${args.code}.${args.variant ?? 'default'}`;
  return { code: args.code, message: et(args.lang, `${key}.message`, args.params), fix: et(args.lang, `${key}.fix`, args.params) };
}
