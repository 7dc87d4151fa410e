import type { Refusal } from '../../../../shared/schemas/tx.js';
import { t, type Lang } from '../../i18n/translate.js';

/** The CUDA goals' texts (resources/locales/<lang>/cuda.json). */
export function ct(lang: Lang, key: string, params?: Record<string, string | number>): string {
  return t(lang, `cuda:${key}`, params);
}

/** A refusal of the CUDA goals in `lang`: message and fix from `refusal.<code>`. */
export function cudaRefusal(lang: Lang, code: string, params: Record<string, string | number> = {}): Refusal {
  return { code, message: ct(lang, `refusal.${code}.message`, params), fix: ct(lang, `refusal.${code}.fix`, params) };
}

export { formatBytes } from '../../../../shared/format/bytes.js';
