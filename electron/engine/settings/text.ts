import { HandlerError } from '../api/handler-error.js';
import { refusalAt } from '../i18n/engine-text.js';
import { t, type Lang } from '../i18n/translate.js';

/** A text from the `settings` namespace (`resources/locales/<lang>/settings.json`), shared with the renderer. */
export function st(lang: Lang, key: string, params?: Record<string, string | number>): string {
  return t(lang, `settings:${key}`, params);
}

/** A refusal (`settings:refusal.<code>.message` / `.fix`) as a HandlerError: bad input, nothing changed. */
export function settingsRefusal(lang: Lang, code: string, params: Record<string, string | number>): HandlerError {
  return new HandlerError(refusalAt(lang, code, `settings:refusal.${code}`, params));
}
