import { formatBytes } from '../../../shared/format/bytes.js';
import type { Refusal } from '../../../shared/schemas/tx.js';
import { et, refusal } from '../i18n/engine-text.js';
import type { Lang } from '../i18n/translate.js';

/**
 * Every user-facing refusal and failure text of the transaction engine, built in one place (STYLE P8) from
 * resources/locales/<lang>/engine.json. English unless `lang` says otherwise; English texts can be translated
 * later with localizeRefusal / localizeReason (electron/engine/i18n/engine-text.ts).
 */

/** Sizes as people read them: the one formatter (shared/format/bytes.ts), re-exported for the engine's texts. */
export { formatBytes };

/** Not enough free space, with the numbers. */
export function noSpace(args: { path: string; neededBytes: number; freeBytes: number; lang?: Lang }): Refusal {
  const lang = args.lang ?? 'en';
  const params = { path: args.path, needed: formatBytes(args.neededBytes, lang), free: formatBytes(args.freeBytes, lang), missing: formatBytes(args.neededBytes - args.freeBytes, lang) };
  return refusal({ lang: args.lang ?? 'en', code: 'not-enough-space', params });
}

/** A folder the transaction must write to is not writable. */
export function notWritable(args: { dir: string; code: string; lang?: Lang }): Refusal {
  const variant = args.code === 'EROFS' ? 'read-only' : 'denied';
  return refusal({ lang: args.lang ?? 'en', code: 'target-not-writable', variant, params: { dir: args.dir, code: args.code } });
}

/** A file is held open by a running program (Windows: a loaded DLL cannot be replaced). */
export function fileInUse(args: { file: string; code: string; lang?: Lang }): Refusal {
  return refusal({ lang: args.lang ?? 'en', code: 'file-in-use', params: { file: args.file, code: args.code } });
}

/** A file the transaction would change lies outside the folders it declared. */
export function outsideTargets(args: { file: string; roots: string[]; lang?: Lang }): Refusal {
  return refusal({ lang: args.lang ?? 'en', code: 'outside-targets', params: { file: args.file, roots: args.roots.join(', ') } });
}

/** A source file the plan needs is missing or unreadable. */
export function sourceMissing(args: { file: string; code: string; lang?: Lang }): Refusal {
  return refusal({ lang: args.lang ?? 'en', code: 'source-missing', variant: 'unreadable', params: { file: args.file, code: args.code } });
}

/** Another TorchLift process is changing the same install. */
export function busy(args: { txId: string; pid: number; lang?: Lang }): Refusal {
  return refusal({ lang: args.lang ?? 'en', code: 'transaction-in-progress', params: { pid: args.pid, txId: args.txId } });
}

/** A target's folder is reached through a link (symlink, junction) that leads out of where the change may write. */
export function behindLink(args: { link: string; real: string; inside: string; lang?: Lang }): Refusal {
  return refusal({ lang: args.lang ?? 'en', code: 'target-behind-link', params: { link: args.link, real: args.real, inside: args.inside } });
}

/** A target file is itself a link: what it points to is never replaced. */
export function targetIsLink(args: { file: string; real: string; lang?: Lang }): Refusal {
  return refusal({ lang: args.lang ?? 'en', code: 'target-is-link', params: { file: args.file, real: args.real } });
}

/** Another TorchLift operation holds the lock (`host`: null when it runs on this machine; `doing`: what it does, may be empty). */
export function operationBusy(args: { pid: number; host: string | null; doing: string; file: string; lang?: Lang }): Refusal {
  const variant = `${args.host === null ? '' : 'remote'}${args.host !== null && args.doing ? '-' : ''}${args.doing ? 'doing' : ''}` || 'default';
  return refusal({ lang: args.lang ?? 'en', code: 'operation-in-progress', variant, params: { pid: args.pid, host: args.host ?? '', doing: args.doing, file: args.file } });
}

/** A journal whose paths do not hold up (`problem`: journalPathProblem's sentence) is not rolled back. */
export function journalUntrusted(args: { id: string; problem: string; lang?: Lang }): Refusal {
  return refusal({ lang: args.lang ?? 'en', code: 'journal-untrusted', params: { id: args.id, problem: args.problem } });
}

/** Why a file operation failed during apply, in plain words (for "rolled back: <reason>"); English, as journals keep it. */
export function describeFsFailure(args: { action: string; file: string; code: string }): string {
  const key = `fsWhat.${args.code}`;
  const what = et('en', key);
  return et('en', 'reason.file-failed', { action: args.action, file: args.file, what: what === `engine:${key}` ? args.code : what });
}
