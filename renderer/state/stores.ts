import { useStore } from 'zustand';
import { getApi } from '../api/client.js';
import { initialLang } from '../i18n/langs.js';
import { createDoctorStore, type DoctorState } from './doctor-store.js';
import { createLangStore, storedLang, type LangState } from './lang-store.js';
import { createScanStore, type ScanState } from './scan-store.js';

/** The app's three stores, made once for the page. */
export const langStore = createLangStore({
  initial: initialLang({ stored: storedLang(window.localStorage), preferred: navigator.languages ?? [navigator.language] }),
  storage: window.localStorage,
});
const lang = (): LangState['lang'] => langStore.getState().lang;
export const scanStore = createScanStore({ api: getApi, lang });
export const doctorStore = createDoctorStore({ api: getApi, lang });

/** React hook over the scan store. */
export const useScan = <T,>(select: (s: ScanState) => T): T => useStore(scanStore, select);
/** React hook over the doctor store. */
export const useDoctor = <T,>(select: (s: DoctorState) => T): T => useStore(doctorStore, select);
/** React hook over the language store. */
export const useLang = <T,>(select: (s: LangState) => T): T => useStore(langStore, select);
