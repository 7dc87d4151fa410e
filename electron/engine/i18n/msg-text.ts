import type { Lang } from '../../../shared/api/contract.js';
import { type Msg, type MsgParam, msg, renderMsg } from '../../../shared/i18n/message.js';
import { t } from './translate.js';

/** A message in `lang`, rendered by the engine's own `t` (nested messages first, in the same language). */
export function renderIn(lang: Lang, m: Msg): string {
  return renderMsg((key, params) => t(lang, key, params as Record<string, string | number> | undefined), m);
}

/** A text that is either raw (a quoted log line, a path) or a message; raw text is returned verbatim. */
export type TextPart = string | Msg;

/** A raw text verbatim, a message in `lang`. */
export function textIn(lang: Lang, part: TextPart): string {
  return typeof part === 'string' ? part : renderIn(lang, part);
}

/** A message of the `detect` catalog (resources/locales/<lang>/detect.json). */
export function detectMsg(key: string, params?: Record<string, MsgParam>): Msg {
  return msg(`detect:${key}`, params);
}
