import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Install } from '../../../shared/schemas/detect.js';
import { cudaPathStore } from '../../state/cuda-path-store.js';
import { navStore } from '../../state/nav-store.js';

/** "CUDA 12 path" for one install: opens the guided path planned for it. */
export function CudaPathButton(props: { install: Install }): ReactElement | null {
  const { t } = useTranslation('cuda-path');
  if (props.install.torch === null) return null;
  const open = (): void => {
    cudaPathStore.getState().open(props.install.path);
    navStore.getState().go('cuda-path', { installPath: props.install.path });
  };
  return (
    <button type="button" className="button" title={t('buttonHint')} onClick={open} data-testid="open-cuda-path">
      {t('button')}
    </button>
  );
}
