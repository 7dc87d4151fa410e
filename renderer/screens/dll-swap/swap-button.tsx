import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Install } from '../../../shared/schemas/detect.js';
import { navStore } from '../../state/nav-store.js';
import { wizardStore } from '../../state/tx-stores.js';
import { SwapIcon } from './swap-icon.js';

const SWAPPABLE = new Set(['cudart', 'cublas', 'cudnn']);

/** True when the install's torch carries CUDA runtime / cuBLAS / cuDNN files that a swap could replace. */
export const canSwapDlls = (install: Install): boolean => install.libraries.some((l) => SWAPPABLE.has(l.component));

/** "Swap CUDA/cuDNN DLLs" for one install: opens the wizard for it (unless a swap is running). */
export function SwapDllsButton(props: { install: Install }): ReactElement | null {
  const { t } = useTranslation('tx');
  if (!canSwapDlls(props.install)) return null;
  const open = (): void => {
    wizardStore.getState().open(props.install.path);
    navStore.getState().go('dll-swap', { installPath: props.install.path });
  };
  return (
    <button type="button" className="button" title={t('swapButtonHint')} onClick={open} data-testid="open-dll-swap">
      <SwapIcon />{t('swapButton')}
    </button>
  );
}
