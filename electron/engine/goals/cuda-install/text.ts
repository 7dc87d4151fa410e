import type { Refusal } from '../../../../shared/schemas/tx.js';
import { type Msg, type MsgParam, msg } from '../../../../shared/i18n/message.js';
import { refusalAt } from '../../i18n/engine-text.js';
import { t, type Lang } from '../../i18n/translate.js';

/** The CUDA goals' texts (resources/locales/<lang>/cuda.json). */
export function ct(lang: Lang, key: string, params?: Record<string, string | number>): string {
  return t(lang, `cuda:${key}`, params);
}

/** A CUDA goals' text as a message: `cm('step.verify', { version })` = `msg('cuda:step.verify', { version })`. */
export function cm(key: string, params?: Record<string, MsgParam>): Msg {
  return msg(`cuda:${key}`, params);
}

/** A refusal of the CUDA goals in `lang`: message and fix from `refusal.<code>`. */
export function cudaRefusal(lang: Lang, code: string, params: Record<string, MsgParam> = {}): Refusal {
  return refusalAt(lang, code, `cuda:refusal.${code}`, params);
}

export { formatBytes } from '../../../../shared/format/bytes.js';
