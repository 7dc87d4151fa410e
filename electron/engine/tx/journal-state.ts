import type { TxState } from '../../../shared/schemas/tx.js';

/*
 * The journal's state machine (STYLE P9), as data. Every state is written (fsync) before the work it names.
 *
 *   planned ──► preparing ──► prepared ──► applying ──► applied ──► verifying ──► verified ──► committed
 *      │            │             │            │            │            │                        │
 *      │            │             │            │            │            │ (verify failed,        │ (user: rollback)
 *      ▼            ▼             ▼            ▼            ▼            ▼  locked file, crash)   ▼
 *      └────────────┴─────────────┴────────────┴────────────┴────────────┴──────────► rolling-back ──► rolled-back
 *
 * preparing: new files are staged beside their targets and the old ones hashed; targets untouched.
 * applying:  old files move to the backup folder and staged files rename into place, one file at a time.
 * verified:  the probe passed; only the word "committed" is missing, so recovery completes it.
 * Recovery of any state before `verified` rolls back (an unverified stack is never left in place);
 * `verified` is completed; `rolling-back` is finished. Every undo step is idempotent (see undo-file.ts).
 */

/** The states each state may move to. */
export const TRANSITIONS: Readonly<Record<TxState, readonly TxState[]>> = {
  planned: ['preparing', 'rolling-back'],
  preparing: ['prepared', 'rolling-back'],
  prepared: ['applying', 'rolling-back'],
  applying: ['applied', 'rolling-back'],
  applied: ['verifying', 'rolling-back'],
  verifying: ['verified', 'rolling-back'],
  verified: ['committed'],
  committed: ['rolling-back'],
  'rolling-back': ['rolled-back'],
  'rolled-back': [],
};

/** What recovery does with a journal found in a state: undo it, complete it, or nothing (already closed). */
export type RecoveryAction = 'roll-back' | 'complete' | 'none';

/** Recovery's decision per state, as data. */
export const RECOVERY: Readonly<Record<TxState, RecoveryAction>> = {
  planned: 'roll-back',
  preparing: 'roll-back',
  prepared: 'roll-back',
  applying: 'roll-back',
  applied: 'roll-back',
  verifying: 'roll-back',
  verified: 'complete',
  committed: 'none',
  'rolling-back': 'roll-back',
  'rolled-back': 'none',
};

/** States in which target files may already differ from the original. */
export const TARGETS_TOUCHED: ReadonlySet<TxState> = new Set<TxState>(['applying', 'applied', 'verifying', 'verified', 'committed', 'rolling-back']);

/** True when `from → to` is an allowed transition. */
export function canTransition(from: TxState, to: TxState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** True when the journal is closed (nothing for recovery to do). */
export function isTerminal(state: TxState): boolean {
  return RECOVERY[state] === 'none';
}

/** Thrown for a transition the table does not allow: a bug in the engine, never a user problem. */
export class BadTransitionError extends Error {
  override readonly name = 'BadTransitionError';
  constructor(from: TxState, to: TxState) {
    super(`journal transition ${from} → ${to} is not allowed`);
  }
}
