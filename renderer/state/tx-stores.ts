import { useStore } from 'zustand';
import { getApi } from '../api/client.js';
import { langStore } from './stores.js';
import { createHistoryStore, type HistoryState } from './tx-history-store.js';
import { createWizardStore, type WizardStore } from './tx-wizard-store.js';

/** The DLL-swap wizard's store, made once for the page (a running swap keeps polling when the screen changes). */
export const wizardStore = createWizardStore({ api: getApi, lang: () => langStore.getState().lang });
/** The History screen's store. */
export const historyStore = createHistoryStore({ api: getApi, lang: () => langStore.getState().lang });

/** React hook over the wizard store. */
export const useWizard = <T,>(select: (s: WizardStore) => T): T => useStore(wizardStore, select);
/** React hook over the history store. */
export const useHistory = <T,>(select: (s: HistoryState) => T): T => useStore(historyStore, select);
