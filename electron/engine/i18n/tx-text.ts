import type { HistoryEntry, Job, RecoveryNote, Refusal, RollbackResult, TxOutcome } from '../../../shared/schemas/tx.js';
import { et, localizeReason, localizeRefusal, localizeSentence } from './engine-text.js';
import type { Lang } from './translate.js';

/**
 * The transaction API's answers in the user's language. Journals keep their English (they are the record);
 * these translate a copy on the way out, so a history written in English reads in Japanese and back again.
 */

/** Refusals in `lang`. */
export function localizeRefusals(lang: Lang, refusals: readonly Refusal[]): Refusal[] {
  return refusals.map((r) => localizeRefusal(lang, r));
}

/** How a transaction ended, in `lang` (reasons and refusals). */
export function localizeOutcome(lang: Lang, outcome: TxOutcome): TxOutcome {
  if (outcome.kind === 'refused') return { ...outcome, refusals: localizeRefusals(lang, outcome.refusals) };
  if (outcome.kind === 'committed') return outcome;
  return { ...outcome, reason: localizeReason(lang, outcome.reason) };
}

/** An apply job with its message and result in `lang` (the log stays as written: it is a technical record). */
export function localizeJob(lang: Lang, job: Job): Job {
  if (lang === 'en') return job;
  const result = job.result === null ? null : localizeOutcome(lang, job.result);
  const message = result?.kind === 'refused'
    ? et(lang, 'job.refused', { reasons: result.refusals.map((r) => r.message).join(' ') })
    : localizeSentence(lang, job.message, ['job', 'txNote', 'reason']);
  return { ...job, message, result };
}

/** One history row with its title (intent), reason and recovery note in `lang`. */
export function localizeHistoryEntry(lang: Lang, entry: HistoryEntry): HistoryEntry {
  if (lang === 'en') return entry;
  return {
    ...entry,
    intent: localizeSentence(lang, entry.intent, ['intent']),
    reason: entry.reason === null ? null : localizeReason(lang, entry.reason),
    recoveryNote: entry.recoveryNote === null ? null : localizeSentence(lang, entry.recoveryNote, ['recovery']),
  };
}

/** What recovery did for one journal, in `lang`. */
export function localizeRecoveryNote(lang: Lang, note: RecoveryNote): RecoveryNote {
  return { ...note, note: localizeSentence(lang, note.note, ['recovery']) };
}

/** A manual rollback's result in `lang`. */
export function localizeRollback(lang: Lang, result: RollbackResult): RollbackResult {
  return result.kind === 'refused' ? { ...result, refusals: localizeRefusals(lang, result.refusals) } : result;
}
