import { type Msg, type MsgParam, msg } from '../../../../shared/i18n/message.js';
import { t, type Lang } from '../../i18n/translate.js';

/** A torch-upgrade text (resources/locales/<lang>/torch-upgrade.json), rendered from its key and params in `lang`. */
export function ut(lang: Lang, key: string, params?: Record<string, string | number>): string {
  return t(lang, `torch-upgrade:${key}`, params);
}

/** A torch-upgrade text as a message: `um('step.verify')` = `msg('torch-upgrade:step.verify')`. */
export function um(key: string, params?: Record<string, MsgParam>): Msg {
  return msg(`torch-upgrade:${key}`, params);
}
