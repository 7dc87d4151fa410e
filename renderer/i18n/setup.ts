import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../shared/api/contract.js';
import en from '../../resources/locales/en/ui.json';
import ja from '../../resources/locales/ja/ui.json';
import zhCN from '../../resources/locales/zh-CN/ui.json';
import enTx from '../../resources/locales/en/tx.json';
import jaTx from '../../resources/locales/ja/tx.json';
import zhCNTx from '../../resources/locales/zh-CN/tx.json';
import { SETTINGS_RESOURCES } from './settings-resources.js';
import enUpgrade from '../../resources/locales/en/upgrade.json';
import jaUpgrade from '../../resources/locales/ja/upgrade.json';
import zhCNUpgrade from '../../resources/locales/zh-CN/upgrade.json';
import { CUDA_PATH_RESOURCES } from './cuda-path-resources.js';

/** The UI string tables, bundled so the app works offline and with a strict CSP. */
export const UI_RESOURCES = { en, ja, 'zh-CN': zhCN } as const;

/** Starts i18next with every bundled language; the UI switches language without reloading. */
export function setupI18n(lang: Lang): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: {
      en: { ui: en, tx: enTx, upgrade: enUpgrade },
      ja: { ui: ja, tx: jaTx, upgrade: jaUpgrade },
      'zh-CN': { ui: zhCN, tx: zhCNTx, upgrade: zhCNUpgrade },
    },
    lng: lang,
    fallbackLng: 'en',
    defaultNS: 'ui',
    ns: ['ui', 'tx', 'upgrade'],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  for (const [lng, table] of Object.entries(SETTINGS_RESOURCES)) i18next.addResourceBundle(lng, 'settings', table);
  for (const [lng, tables] of Object.entries(CUDA_PATH_RESOURCES)) for (const [ns, table] of Object.entries(tables)) i18next.addResourceBundle(lng, ns, table);
  return i18next;
}
