import type { Lang } from '../api/contract.js';

/** Maps a locale tag (`ja_JP.UTF-8`, `zh-Hans-CN`, `zh_SG`, `en-US`, navigator.language) to a supported UI language. */
export function normaliseLang(tag: string | undefined | null): Lang | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase().replace(/_/g, '-').split('.')[0] ?? '';
  if (t === '' || t === 'c' || t === 'posix') return null;
  if (t.startsWith('ja')) return 'ja';
  // Traditional Chinese users read Simplified far better than English; zh-CN is the closest we ship.
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('en')) return 'en';
  return null;
}

/** The language from POSIX locale variables (LC_ALL > LC_MESSAGES > LANG), defaulting to English. */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  return normaliseLang(env.LC_ALL) ?? normaliseLang(env.LC_MESSAGES) ?? normaliseLang(env.LANG) ?? 'en';
}
