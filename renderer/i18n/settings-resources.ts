import en from '../../resources/locales/en/settings.json';
import ja from '../../resources/locales/ja/settings.json';
import zhCN from '../../resources/locales/zh-CN/settings.json';

/** The `settings` namespace (Settings, Logs & report, About; also read by the engine for reports and refusals). */
export const SETTINGS_RESOURCES = { en, ja, 'zh-CN': zhCN } as const;
