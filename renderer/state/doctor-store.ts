import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lang, TorchliftApi } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/result.js';
import type { DoctorReport } from '../../shared/schemas/doctor.js';

/** The paste-a-log panel's progress. */
export type DoctorPhase =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; report: DoctorReport }
  | { kind: 'error'; error: ApiError };

/** The paste-a-log panel's state and actions. */
export interface DoctorState {
  text: string;
  /** The text the shown result was made from (re-run on a language switch). */
  diagnosedText: string | null;
  phase: DoctorPhase;
  setText(text: string): void;
  diagnose(): Promise<void>;
  rerun(): Promise<void>;
}

/** Makes the doctor store; like the scan, a newer request makes older answers stale. */
export function createDoctorStore(deps: { api: () => TorchliftApi; lang: () => Lang }): StoreApi<DoctorState> {
  let generation = 0;
  const run = async (text: string, set: StoreApi<DoctorState>['setState']): Promise<void> => {
    const mine = ++generation;
    set({ phase: { kind: 'loading' }, diagnosedText: text });
    const result = await deps.api().doctor({ text, lang: deps.lang() });
    if (mine !== generation) return;
    set({ phase: result.ok ? { kind: 'ready', report: result.value } : { kind: 'error', error: result.error } });
  };
  return createStore<DoctorState>()((set, get) => ({
    text: '',
    diagnosedText: null,
    phase: { kind: 'idle' },
    setText: (text) => set({ text }),
    diagnose: () => run(get().text, set),
    async rerun() {
      const text = get().diagnosedText;
      if (text !== null) await run(text, set);
    },
  }));
}
