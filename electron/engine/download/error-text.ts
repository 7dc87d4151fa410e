import { type Msg, msg } from '../../../shared/i18n/message.js';
import { t, type Lang } from '../i18n/translate.js';
import { DownloadError } from './errors.js';

/** A download failure as a message (`download:error.<code>`); other errors as their raw text. */
export function downloadErrorMsg(error: unknown): Msg | string {
  if (!(error instanceof DownloadError)) return error instanceof Error ? error.message : String(error);
  return msg(`download:error.${error.code}`, { name: '', url: '', ...error.params });
}

/** A download failure in the user's language (`resources/locales/<lang>/download.json`); other errors as they are. */
export function downloadErrorText(lang: Lang, error: unknown): string {
  if (!(error instanceof DownloadError)) return error instanceof Error ? error.message : String(error);
  return t(lang, `download:error.${error.code}`, { name: '', url: '', ...error.params });
}
