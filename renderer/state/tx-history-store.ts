import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lang, TorchliftApi } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/result.js';
import type { Msg } from '../../shared/i18n/message.js';
import type { HistoryEntry, Refusal } from '../../shared/schemas/tx.js';

/** The history list's loading state. */
export type HistoryPhase =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; entries: HistoryEntry[] }
  | { kind: 'error'; error: ApiError };

/** What the last rollback or prune did, shown above the list until the next action. */
export type HistoryNotice =
  | { kind: 'rolled-back'; id: string; files: number }
  | { kind: 'refused'; id: string; refusals: Refusal[] }
  | { kind: 'pruned'; count: number; freedBytes: number }
  | { kind: 'error'; error: ApiError };

/** The History screen's state and actions. */
export interface HistoryState {
  phase: HistoryPhase;
  /** What start-up recovery did (appInfo.recoveryNotes). */
  recoveryNotes: string[];
  /** Their messages (appInfo.recoveryNoteMsgs, one per note; null: raw text), rendered in the language on screen. */
  recoveryNoteMsgs: (Msg | null)[];
  /** The action running now: a rollback of one transaction, or pruning. */
  running: { kind: 'rollback'; id: string } | { kind: 'prune' } | null;
  notice: HistoryNotice | null;
  load(): Promise<void>;
  rollback(id: string): Promise<void>;
  prune(): Promise<void>;
}

/** Bytes that pruning would free now: the backups of every finished transaction. */
export function prunableBytes(entries: readonly HistoryEntry[]): number {
  return entries.filter((e) => e.status !== 'open').reduce((n, e) => n + e.backupBytes, 0);
}

/**
 * Makes the history store; every action reloads the list afterwards, so it always shows the journals on disk.
 * `lang` is the UI language the engine words titles, reasons and refusals in (English when left out); `onChanged` is
 * told after a rollback put files back (so Scan shows them).
 */
export function createHistoryStore(deps: { api: () => TorchliftApi; lang?: () => Lang; onChanged?: () => void }): StoreApi<HistoryState> {
  let generation = 0;
  const lang = (): { lang?: Lang } => (deps.lang ? { lang: deps.lang() } : {});
  return createStore<HistoryState>()((set, get) => {
    const reload = async (): Promise<void> => {
      const mine = ++generation;
      const [history, info] = await Promise.all([deps.api().history({ ...lang() }), deps.api().appInfo({ ...lang() })]);
      if (mine !== generation) return;
      set({
        phase: history.ok ? { kind: 'ready', entries: history.value.entries } : { kind: 'error', error: history.error },
        recoveryNotes: info.ok ? info.value.recoveryNotes : get().recoveryNotes,
        recoveryNoteMsgs: info.ok ? info.value.recoveryNoteMsgs ?? [] : get().recoveryNoteMsgs,
      });
    };
    return {
      phase: { kind: 'idle' },
      recoveryNotes: [],
      recoveryNoteMsgs: [],
      running: null,
      notice: null,
      async load() {
        if (get().phase.kind !== 'ready') set({ phase: { kind: 'loading' } });
        await reload();
      },
      async rollback(id) {
        if (get().running) return;
        set({ running: { kind: 'rollback', id }, notice: null });
        const result = await deps.api().rollback({ id, ...lang() });
        const notice: HistoryNotice = !result.ok ? { kind: 'error', error: result.error }
          : result.value.kind === 'rolled-back' ? { kind: 'rolled-back', id, files: result.value.files }
          : { kind: 'refused', id, refusals: result.value.refusals };
        await reload();
        set({ running: null, notice });
        if (notice.kind === 'rolled-back') deps.onChanged?.();
      },
      async prune() {
        if (get().running) return;
        set({ running: { kind: 'prune' }, notice: null });
        const result = await deps.api().pruneHistory({ ...lang() });
        await reload();
        set({ running: null, notice: result.ok ? { kind: 'pruned', count: result.value.pruned.length, freedBytes: result.value.freedBytes } : { kind: 'error', error: result.error } });
      },
    };
  });
}
