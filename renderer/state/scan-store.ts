import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lang, TorchliftApi } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/result.js';
import type { DetectReport } from '../../shared/schemas/detect.js';

/** Where the scan is: the quick report shows at once, the probed one replaces it when it arrives. */
export type ScanPhase =
  | { kind: 'idle' }
  | { kind: 'quick-loading' }
  | { kind: 'probing'; report: DetectReport }
  | { kind: 'complete'; report: DetectReport; probeError: ApiError | null }
  | { kind: 'error'; error: ApiError };

/** The scan screen's state and actions. */
export interface ScanState {
  phase: ScanPhase;
  /** Install folders the user added by hand (passed to detect as `apps`). */
  apps: string[];
  adding: { busy: boolean; error: ApiError | null };
  scan(): Promise<void>;
  addInstall(folder: string): Promise<boolean>;
}

/** The report currently on screen (quick or complete), or null while there is none. */
export function currentReport(phase: ScanPhase): DetectReport | null {
  return phase.kind === 'probing' || phase.kind === 'complete' ? phase.report : null;
}

/**
 * Makes the scan store. Each scan starts the quick detect and the probing detect together; answers from an
 * older scan (a rescan or a language switch started since) are dropped.
 */
export function createScanStore(deps: { api: () => TorchliftApi; lang: () => Lang }): StoreApi<ScanState> {
  let generation = 0;
  return createStore<ScanState>()((set, get) => ({
    phase: { kind: 'idle' },
    apps: [],
    adding: { busy: false, error: null },
    async scan() {
      const mine = ++generation;
      const stale = (): boolean => mine !== generation;
      set({ phase: { kind: 'quick-loading' } });
      const input = { apps: get().apps, lang: deps.lang() };
      const quick = deps.api().detect({ ...input, probe: false });
      const full = deps.api().detect({ ...input, probe: true });
      void quick.then((result) => {
        if (stale() || get().phase.kind !== 'quick-loading') return;
        set({ phase: result.ok ? { kind: 'probing', report: result.value } : { kind: 'error', error: result.error } });
      });
      const result = await full;
      if (stale()) return;
      if (result.ok) return set({ phase: { kind: 'complete', report: result.value, probeError: null } });
      const shown = currentReport(get().phase);
      set({ phase: shown ? { kind: 'complete', report: shown, probeError: result.error } : { kind: 'error', error: result.error } });
    },
    async addInstall(folder) {
      const path = folder.trim();
      if (path === '') {
        set({ adding: { busy: false, error: { code: 'empty', message: '' } } });
        return false;
      }
      const apps = get().apps.includes(path) ? get().apps : [...get().apps, path];
      set({ adding: { busy: true, error: null } });
      // A quick detect first: a folder that does not exist is refused without wiping the current report.
      const check = await deps.api().detect({ apps, probe: false, lang: deps.lang() });
      if (!check.ok) {
        set({ adding: { busy: false, error: check.error } });
        return false;
      }
      set({ apps, adding: { busy: false, error: null } });
      void get().scan();
      return true;
    },
  }));
}
