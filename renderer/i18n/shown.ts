import type { ApiError } from '../../shared/api/result.js';
import { type Msg, type TranslateFn, renderMsg } from '../../shared/i18n/message.js';

/**
 * A text the engine sent as a string with its message beside it: the message rendered in the language on screen
 * (so switching language re-renders it), or the string as sent where there is no message (an older journal, raw
 * error text).
 */
export function shown(t: TranslateFn, text: string, message: Msg | null | undefined): string {
  return message ? renderMsg(t, message) : text;
}

/** An API error with its message and fix in the language on screen (from their messages where the engine sent them). */
export function shownError(t: TranslateFn, e: ApiError): ApiError {
  return { ...e, message: shown(t, e.message, e.messageMsg), ...(e.fix === undefined ? {} : { fix: shown(t, e.fix, e.fixMsg) }) };
}
