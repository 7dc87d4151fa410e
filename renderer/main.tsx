import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { setupI18n } from './i18n/setup.js';
import { doctorStore, langStore, scanStore } from './state/stores.js';
import { reattachRunningJobs } from './state/tx-stores.js';
import { pathWizards } from './state/cuda-path-store.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/screens.css';
import './styles/tx.css';
import './styles/upgrade.css';
import './styles/cuda-path.css';

const i18n = setupI18n(langStore.getState().lang);
document.documentElement.lang = langStore.getState().lang;

// A language switch re-renders the UI and asks the engine again, since finding texts arrive translated.
langStore.subscribe((state, previous) => {
  if (state.lang === previous.lang) return;
  void i18n.changeLanguage(state.lang);
  document.documentElement.lang = state.lang;
  void scanStore.getState().scan();
  void doctorStore.getState().rerun();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void scanStore.getState().scan();
// A reloaded or reopened window takes up a job the engine is still running.
void reattachRunningJobs(pathWizards());
