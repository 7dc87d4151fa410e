import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lang } from '../../shared/api/contract.js';

/** The UI language and the switcher's action. */
export interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

const STORAGE_KEY = 'torchlift.lang';

/** Reads the language the user picked earlier (null when none or storage is off). */
export function storedLang(storage: Pick<Storage, 'getItem'> | undefined): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Makes the language store; a choice is remembered in `storage`. */
export function createLangStore(opts: { initial: Lang; storage?: Pick<Storage, 'setItem'> }): StoreApi<LangState> {
  return createStore<LangState>()((set) => ({
    lang: opts.initial,
    setLang(lang) {
      try {
        opts.storage?.setItem(STORAGE_KEY, lang);
      } catch {
        // Not remembered across restarts; the switch still applies now.
      }
      set({ lang });
    },
  }));
}
