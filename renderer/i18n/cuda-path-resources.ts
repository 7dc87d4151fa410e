import en from '../../resources/locales/en/cuda-path.json';
import ja from '../../resources/locales/ja/cuda-path.json';
import zhCN from '../../resources/locales/zh-CN/cuda-path.json';
import enCuda from '../../resources/locales/en/cuda.json';
import jaCuda from '../../resources/locales/ja/cuda.json';
import zhCNCuda from '../../resources/locales/zh-CN/cuda.json';

/**
 * The guided CUDA path's screen texts (`cuda-path`) and the CUDA goals' engine texts (`cuda`), which the path plan's
 * steps carry as messages (shared/i18n/message.ts) so the screen words them in the language shown now.
 */
export const CUDA_PATH_RESOURCES = {
  en: { 'cuda-path': en, cuda: enCuda },
  ja: { 'cuda-path': ja, cuda: jaCuda },
  'zh-CN': { 'cuda-path': zhCN, cuda: zhCNCuda },
} as const;
