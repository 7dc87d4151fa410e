import type { HistoryEntry, Job, RecoveryNote, Refusal, RollbackResult, TxOutcome, VerifyReport } from '../../../shared/schemas/tx.js';
import { refusalIn, storedIn } from './engine-text.js';
import type { Lang } from './translate.js';

/**
 * The transaction API's answers in the user's language: every string field that has a message beside it is
 * rendered from that message (i18next, electron/engine/i18n/translate.ts); a field without one (a journal written
 * before messages, raw error text) is shown as stored. Nothing is ever matched back from English.
 */

/** Refusals in `lang`. */
export function refusalsIn(lang: Lang, refusals: readonly Refusal[]): Refusal[] {
  return refusals.map((r) => refusalIn(lang, r));
}

/** How a transaction ended, in `lang` (reasons and refusals). */
export function outcomeIn(lang: Lang, outcome: TxOutcome): TxOutcome {
  if (outcome.kind === 'refused') return { ...outcome, refusals: refusalsIn(lang, outcome.refusals) };
  if (outcome.kind === 'committed') return outcome;
  return { ...outcome, reason: storedIn(lang, outcome.reason, outcome.reasonMsg) };
}

/** A verification report in `lang`: each check's detail (the speedup's verdict is structured: VerifyReport.change). */
export function verifyIn(lang: Lang, report: VerifyReport): VerifyReport {
  return { ...report, checks: report.checks.map((c) => ({ ...c, detail: storedIn(lang, c.detail, c.detailMsg) })) };
}

/** An apply job with its message, result and verification in `lang` (the log stays as written: it is a technical record). */
export function jobIn(lang: Lang, job: Job): Job {
  return {
    ...job,
    message: storedIn(lang, job.message, job.messageMsg),
    result: job.result === null ? null : outcomeIn(lang, job.result),
    verify: job.verify === null ? null : verifyIn(lang, job.verify),
  };
}

/** One history row with its title (intent), reason and recovery note in `lang`. */
export function historyEntryIn(lang: Lang, entry: HistoryEntry): HistoryEntry {
  return {
    ...entry,
    intent: storedIn(lang, entry.intent, entry.intentMsg),
    reason: entry.reason === null ? null : storedIn(lang, entry.reason, entry.reasonMsg),
    recoveryNote: entry.recoveryNote === null ? null : storedIn(lang, entry.recoveryNote, entry.recoveryNoteMsg),
  };
}

/** What recovery did for one journal, in `lang`. */
export function recoveryNoteIn(lang: Lang, note: RecoveryNote): RecoveryNote {
  return { ...note, note: storedIn(lang, note.note, note.noteMsg) };
}

/** A manual rollback's result in `lang`. */
export function rollbackIn(lang: Lang, result: RollbackResult): RollbackResult {
  return result.kind === 'refused' ? { ...result, refusals: refusalsIn(lang, result.refusals) } : result;
}
