import fs from 'node:fs';
import path from 'node:path';
import { createInstance, type i18n } from 'i18next';
import type { Lang } from '../../../shared/api/contract.js';
import { langFromEnv } from '../../../shared/i18n/lang.js';
import { type Msg, renderMsg } from '../../../shared/i18n/message.js';
import { resourcesDir } from '../resources.js';

export { langFromEnv };
export type { Lang };

/** The languages the message catalogs are written in; English is the fallback for every key. */
export const LANGS: readonly Lang[] = ['en', 'ja', 'zh-CN'];

/** A parsed catalog: nested objects whose leaves are strings with i18next `{{placeholders}}`. */
export type Catalog = { [key: string]: string | Catalog };

const cache = new Map<string, Catalog>();

/** Loads `resources/locales/<lang>/<ns>.json` once (an empty catalog when the file is missing). */
export function loadCatalog(lang: Lang, ns = 'findings'): Catalog {
  const dir = resourcesDir();
  const file = path.join(dir, 'locales', lang, `${ns}.json`);
  const hit = cache.get(file);
  if (hit) return hit;
  let parsed: Catalog = {};
  if (fs.existsSync(file)) parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog;
  cache.set(file, parsed);
  return parsed;
}

/** The string at a dotted key path (`driver-too-old.title`), or null. */
export function lookup(catalog: Catalog, key: string): string | null {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return null;
    node = node[part];
  }
  return typeof node === 'string' ? node : null;
}

const instances = new Map<string, i18n>();

/**
 * The engine's i18next, one per resources folder: every namespace file of every language in
 * `resources/locales/<lang>/`, English as the fallback, a missing key shown as `ns:key`, and unknown placeholders
 * left visible (`{{name}}`) so tests catch them. The renderer runs the same library on the same files.
 */
export function engineI18n(): i18n {
  const dir = resourcesDir();
  const hit = instances.get(dir);
  if (hit) return hit;
  const resources: Record<string, Record<string, Catalog>> = {};
  for (const lang of LANGS) {
    resources[lang] = {};
    const folder = path.join(dir, 'locales', lang);
    const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.json')) : [];
    for (const file of files) resources[lang][file.slice(0, -'.json'.length)] = loadCatalog(lang, file.slice(0, -'.json'.length));
  }
  const instance = createInstance();
  void instance.init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGS],
    defaultNS: 'findings',
    ns: Object.keys(resources.en ?? {}),
    appendNamespaceToMissingKey: true,
    returnNull: false,
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  instances.set(dir, instance);
  return instance;
}

/**
 * Translates `key` (optionally `ns:key`, default namespace `findings`) into `lang` with i18next, falling back to
 * English, then to the key itself (as written: `ns:key` or the bare key).
 */
export function t(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const full = key.includes(':') ? key : `findings:${key}`;
  const text = engineI18n().getFixedT(lang)(full, { ...params, interpolation: { escapeValue: false } });
  return text === full ? key : text;
}

/** A message (shared/i18n/message.ts) in `lang`; nested messages in the same language. */
export function say(lang: Lang, m: Msg): string {
  return renderMsg((key, params) => t(lang, key, params as Record<string, string | number>), m);
}

/** True when `key` has a text in `lang` itself (no fallback). */
export function hasKey(lang: Lang, key: string, ns = 'findings'): boolean {
  return lookup(loadCatalog(lang, ns), key) !== null;
}

/** Placeholder names used in a template, e.g. ["driver", "minDriver"]. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}
