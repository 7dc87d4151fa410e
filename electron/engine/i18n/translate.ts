import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../../shared/api/contract.js';
import { langFromEnv } from '../../../shared/i18n/lang.js';
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

/** Replaces `{{name}}` (and `{{ name }}`) with params; unknown placeholders stay visible so tests catch them. */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * Translates `key` (optionally `ns:key`, default namespace `findings`) into `lang`, falling back to English,
 * then to the key itself.
 */
export function t(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const [ns, bare] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['findings', key];
  const text = lookup(loadCatalog(lang, ns), bare) ?? lookup(loadCatalog('en', ns), bare) ?? key;
  return interpolate(text, params);
}

/** True when `key` has a text in `lang` itself (no fallback). */
export function hasKey(lang: Lang, key: string, ns = 'findings'): boolean {
  return lookup(loadCatalog(lang, ns), key) !== null;
}

/** Placeholder names used in a template, e.g. ["driver", "minDriver"]. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}
