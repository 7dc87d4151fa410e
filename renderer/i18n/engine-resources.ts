import enCuda from '../../resources/locales/en/cuda.json';
import jaCuda from '../../resources/locales/ja/cuda.json';
import zhCNCuda from '../../resources/locales/zh-CN/cuda.json';
import enDownload from '../../resources/locales/en/download.json';
import jaDownload from '../../resources/locales/ja/download.json';
import zhCNDownload from '../../resources/locales/zh-CN/download.json';
import enEngine from '../../resources/locales/en/engine.json';
import jaEngine from '../../resources/locales/ja/engine.json';
import zhCNEngine from '../../resources/locales/zh-CN/engine.json';
import enTorchUpgrade from '../../resources/locales/en/torch-upgrade.json';
import jaTorchUpgrade from '../../resources/locales/ja/torch-upgrade.json';
import zhCNTorchUpgrade from '../../resources/locales/zh-CN/torch-upgrade.json';

/**
 * The engine's namespaces, bundled so the renderer renders the messages the engine sends (shared/i18n/message.ts:
 * refusals, rollback reasons, job messages, history intents, verification details) in the language on screen.
 */
export const ENGINE_RESOURCES = {
  en: { engine: enEngine, cuda: enCuda, 'torch-upgrade': enTorchUpgrade, download: enDownload },
  ja: { engine: jaEngine, cuda: jaCuda, 'torch-upgrade': jaTorchUpgrade, download: jaDownload },
  'zh-CN': { engine: zhCNEngine, cuda: zhCNCuda, 'torch-upgrade': zhCNTorchUpgrade, download: zhCNDownload },
} as const;
