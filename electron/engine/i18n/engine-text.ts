import { type Msg, type MsgParam, isMsg, msg } from '../../../shared/i18n/message.js';
import { type Lang, say, t } from './translate.js';

/**
 * The engine's own sentences (resources/locales/<lang>/engine.json and the goal namespaces) travel as messages
 * (shared/i18n/message.ts): a key and its params, rendered by i18next in the language of whoever shows them.
 * Journals store the message next to the English text (the record a person can read); a text that only has the
 * English (a journal written before messages, a raw OSError) is shown as it was written, in every language.
 */

/** A text as the engine passes it around: a message, or raw text no catalog holds (an OSError, a path). */
export type Text = string | Msg;

/** `t` for the engine catalog: `et('ja', 'plan.refused')` = `t('ja', 'engine:plan.refused')`. */
export function et(lang: Lang, key: string, params?: Record<string, string | number>): string {
  return t(lang, `engine:${key}`, params);
}

/** A message of the engine catalog: `em('reason.by-user')` = `msg('engine:reason.by-user')`. */
export function em(key: string, params?: Record<string, MsgParam>): Msg {
  return msg(`engine:${key}`, params);
}

/** A text in `lang`: a message rendered, raw text as it is. */
export function textIn(lang: Lang, text: Text): string {
  return typeof text === 'string' ? text : say(lang, text);
}

/** The English of a text (what journals and logs keep beside the message). */
export function english(text: Text): string {
  return textIn('en', text);
}

/** The message of a text, or null for raw text (stored as `…Msg: null`: shown verbatim in every language). */
export function msgOf(text: Text): Msg | null {
  return isMsg(text) ? text : null;
}

/** A stored field pair (English + message) back in `lang`: the message when there is one, else the text as stored. */
export function storedIn(lang: Lang, text: string, message: Msg | null | undefined): string {
  return message ? say(lang, message) : text;
}

/** A refusal as the API carries it: its strings in one language, and the messages to render it in any other. */
export interface RefusalText {
  code: string;
  message: string;
  fix: string;
  messageMsg?: Msg;
  fixMsg?: Msg;
}

/** A refusal built in `lang` from engine.json (`refusal.<code>.<variant>`); params may be messages. */
export function refusal(args: { lang: Lang; code: string; variant?: string; params?: Record<string, MsgParam> }): Required<RefusalText> {
  return refusalAt(args.lang, args.code, `engine:refusal.${args.code}.${args.variant ?? 'default'}`, args.params);
}

/** A refusal from any catalog: `at` is the `ns:path` holding its `message` and `fix` (e.g. `cuda:refusal.needs-root`). */
export function refusalAt(lang: Lang, code: string, at: string, params?: Record<string, MsgParam>): Required<RefusalText> {
  const messageMsg = msg(`${at}.message`, params);
  const fixMsg = msg(`${at}.fix`, params);
  return { code, message: say(lang, messageMsg), fix: say(lang, fixMsg), messageMsg, fixMsg };
}

/** A refusal in `lang`: rendered from its messages; one without messages (from an older engine) unchanged. */
export function refusalIn<R extends RefusalText>(lang: Lang, r: R): R {
  return {
    ...r,
    message: storedIn(lang, r.message, r.messageMsg),
    fix: storedIn(lang, r.fix, r.fixMsg),
  };
}

/** A refusal quoted whole inside another sentence ("<message> <fix>"). */
export function refusalSentence(r: RefusalText): Msg {
  return em('refusal-sentence', { message: r.messageMsg ?? r.message, fix: r.fixMsg ?? r.fix });
}
