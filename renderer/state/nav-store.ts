import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** The screens the sidebar switches between (add one here, then its nav entry and route in app.tsx). */
export type Screen = 'scan' | 'diagnosis' | 'dll-swap' | 'torch-upgrade' | 'cuda-path' | 'history' | 'settings' | 'logs' | 'about';

/** Which screen is shown, plus the install a screen was opened for (e.g. the DLL-swap wizard from Diagnosis). */
export interface NavState {
  screen: Screen;
  installPath: string | null;
  go(screen: Screen, opts?: { installPath?: string }): void;
}

/** The one navigation store: any screen may send the user to another. */
export const navStore = createStore<NavState>()((set) => ({
  screen: 'scan',
  installPath: null,
  go: (screen, opts) => set({ screen, installPath: opts?.installPath ?? null }),
}));

/** React hook over the navigation store. */
export const useNav = <T,>(select: (s: NavState) => T): T => useStore(navStore, select);
