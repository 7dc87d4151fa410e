import type { Msg } from '../../../shared/i18n/message.js';
import { type Text, msgOf, textIn } from '../i18n/engine-text.js';
import type { Lang } from '../i18n/translate.js';

/**
 * Adds texts to one of a plan's lists (steps, notes) as the outside contract carries it: `strings` in the language
 * asked for, and beside them in `msgs`, one per entry in the same order, the messages the renderer renders in the
 * language on screen (null for raw text no catalog holds, shown as it is).
 */
export function addTexts(strings: string[], msgs: (Msg | null)[], lang: Lang, ...texts: Text[]): void {
  for (const text of texts) {
    strings.push(textIn(lang, text));
    msgs.push(msgOf(text));
  }
}
