import type { Lang } from '../../shared/api/contract.js';
import { normaliseLang } from '../../shared/i18n/lang.js';

/** Languages offered in the switcher, in the order shown. */
export const LANGS: readonly Lang[] = ['en', 'ja', 'zh-CN'];

/** Each language's name in itself, as users look for it. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', ja: '日本語', 'zh-CN': '简体中文' };

/** The starting language: the one the user picked before, else the browser's/OS's first supported one, else English. */
export function initialLang(opts: { stored: string | null; preferred: readonly string[] }): Lang {
  const stored = opts.stored && (LANGS as readonly string[]).includes(opts.stored) ? (opts.stored as Lang) : null;
  if (stored) return stored;
  for (const tag of opts.preferred) {
    const lang = normaliseLang(tag);
    if (lang) return lang;
  }
  return 'en';
}
