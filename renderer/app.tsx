import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../shared/api/contract.js';
import { HistoryIcon, PulseIcon, ScanIcon } from './components/icons.js';
import { LANG_NAMES, LANGS } from './i18n/langs.js';
import { currentReport } from './state/scan-store.js';
import { navStore, useNav, type Screen } from './state/nav-store.js';
import { langStore, useLang, useScan } from './state/stores.js';
import { DiagnosisScreen } from './screens/diagnosis/diagnosis-screen.js';
import { ScanScreen } from './screens/scan/scan-screen.js';
import { DllSwapScreen } from './screens/dll-swap/dll-swap-screen.js';
import { SwapIcon } from './screens/dll-swap/swap-icon.js';
import { HistoryScreen } from './screens/history/history-screen.js';
import { AboutScreen } from './screens/about/about-screen.js';
import { LogsScreen } from './screens/logs/logs-screen.js';
import { AboutIcon, LogsIcon, SettingsIcon } from './screens/settings/icons.js';
import { SettingsScreen } from './screens/settings/settings-screen.js';
import { TorchUpgradeScreen } from './screens/torch-upgrade/torch-upgrade-screen.js';
import { UpgradeIcon } from './screens/torch-upgrade/upgrade-icon.js';
import { CudaPathScreen } from './screens/cuda-path/cuda-path-screen.js';
import { PathIcon } from './screens/cuda-path/path-icon.js';

/** The app shell: a sidebar (screens, language) and the current screen. */
export function App(): ReactElement {
  const { t } = useTranslation();
  const screen = useNav((s) => s.screen);
  const report = useScan((s) => currentReport(s.phase));
  const problems = report ? report.findings.filter((f) => f.severity !== 'info').length : 0;
  const item = (id: Screen, icon: ReactElement, label: string, badge?: number): ReactElement => (
    <li>
      <button type="button" className="nav-item" aria-current={screen === id ? 'page' : undefined} onClick={() => navStore.getState().go(id)} data-testid={`nav-${id}`}>
        {icon}
        <span>{label}</span>
        {badge ? <span className="nav-badge" aria-label={String(badge)}>{badge}</span> : null}
      </button>
    </li>
  );
  return (
    <div className="app">
      <a className="skip-link" href="#main">{t('app.skip')}</a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">TL</span>
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <nav aria-label={t('app.nav.label')}>
          <ul className="nav">
            {item('scan', <ScanIcon />, t('app.nav.scan'))}
            {item('diagnosis', <PulseIcon />, t('app.nav.diagnosis'), problems)}
            {item('torch-upgrade', <UpgradeIcon />, t('upgrade:nav.torchUpgrade'))}
            {item('cuda-path', <PathIcon />, t('cuda-path:nav'))}
            {item('dll-swap', <SwapIcon />, t('tx:nav.dllSwap'))}
            {item('history', <HistoryIcon />, t('app.nav.history'))}
          </ul>
          <ul className="nav nav-secondary">
            {item('settings', <SettingsIcon />, t('settings:nav.settings'))}
            {item('logs', <LogsIcon />, t('settings:nav.logs'))}
            {item('about', <AboutIcon />, t('settings:nav.about'))}
          </ul>
        </nav>
        <LanguageSwitcher />
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        {screen === 'scan' ? <ScanScreen /> : screen === 'diagnosis' ? <DiagnosisScreen /> : screen === 'dll-swap' ? <DllSwapScreen />
          : screen === 'torch-upgrade' ? <TorchUpgradeScreen /> : screen === 'cuda-path' ? <CudaPathScreen />
          : screen === 'settings' ? <SettingsScreen /> : screen === 'logs' ? <LogsScreen /> : screen === 'about' ? <AboutScreen /> : <HistoryScreen />}
      </main>
    </div>
  );
}

function LanguageSwitcher(): ReactElement {
  const { t } = useTranslation();
  const lang = useLang((s) => s.lang);
  return (
    <div className="language">
      <label htmlFor="language-select" className="field-label">{t('app.language')}</label>
      <select id="language-select" value={lang} onChange={(e) => langStore.getState().setLang(e.target.value as Lang)} data-testid="language">
        {LANGS.map((l) => <option key={l} value={l} lang={l}>{LANG_NAMES[l]}</option>)}
      </select>
    </div>
  );
}
