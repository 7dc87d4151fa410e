import { useStore } from 'zustand';
import type { DllSwapPlan } from '../../shared/schemas/tx.js';
import type { TorchUpgradePlan } from '../../shared/schemas/torch-upgrade.js';
import { dllSwapMachine, type SourceChoice } from '../../shared/wizard/dll-swap.js';
import { torchUpgradeMachine, type UpgradeChoice } from '../../shared/wizard/torch-upgrade.js';
import { getApi } from '../api/client.js';
import { navStore, type Screen } from './nav-store.js';
import { langStore, scanStore } from './stores.js';
import { createHistoryStore, type HistoryState } from './tx-history-store.js';
import { createWizardStore, type WizardStore } from './tx-wizard-store.js';

const lang = (): ReturnType<typeof langStore.getState>['lang'] => langStore.getState().lang;

/** Files changed (a job ended, a rollback ran): Scan, Diagnosis (which reads the scan) and History show the new state. */
export function refreshAfterChange(): void {
  void scanStore.getState().scan();
  void historyStore.getState().load();
}

/** The History screen's store. */
export const historyStore = createHistoryStore({ api: getApi, lang, onChanged: () => void scanStore.getState().scan() });

/** The DLL-swap wizard's store, made once for the page (a running swap keeps polling when the screen changes). */
export const wizardStore = createWizardStore(dllSwapMachine, { api: getApi, lang, onChanged: refreshAfterChange });
/** The torch-upgrade wizard's store. */
export const upgradeStore = createWizardStore(torchUpgradeMachine, { api: getApi, lang, onChanged: refreshAfterChange });

/** React hook over the DLL-swap wizard store. */
export const useWizard = <T,>(select: (s: WizardStore<SourceChoice, DllSwapPlan>) => T): T => useStore(wizardStore, select);
/** React hook over the torch-upgrade wizard store. */
export const useUpgrade = <T,>(select: (s: WizardStore<UpgradeChoice, TorchUpgradePlan>) => T): T => useStore(upgradeStore, select);
/** React hook over the history store. */
export const useHistory = <T,>(select: (s: HistoryState) => T): T => useStore(historyStore, select);

/**
 * A reloaded or reopened window: asks the engine for its jobs and lets the wizard of a running one take it up, then
 * shows that wizard (its running step). Nothing happens when no job runs or the engine cannot be asked.
 */
export async function reattachRunningJobs(more: ReattachWizard[] = []): Promise<void> {
  const listed = await getApi().listJobs({ lang: lang() });
  if (!listed.ok) return;
  const wizards: ReattachWizard[] = [
    ['torch-upgrade', upgradeStore.getState()],
    ['dll-swap', wizardStore.getState()],
    ...more,
  ];
  for (const [screen, wizard, attached] of wizards) {
    if (await wizard.attach(listed.value.jobs)) {
      attached?.();
      return navStore.getState().go(screen);
    }
  }
}

/** A wizard that may take up a running job: its screen, its store, and what to do once it did (show its step). */
export type ReattachWizard = [Screen, { attach: WizardStore<unknown, never>['attach'] }, (() => void)?];
