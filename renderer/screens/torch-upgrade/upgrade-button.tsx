import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Install } from '../../../shared/schemas/detect.js';
import { navStore } from '../../state/nav-store.js';
import { upgradeStore } from '../../state/tx-stores.js';
import { UpgradeIcon } from './upgrade-icon.js';

/** "Upgrade torch & xformers" for one install: opens the wizard for it, the recommended build preselected. */
export function UpgradeTorchButton(props: { install: Install }): ReactElement {
  const { t } = useTranslation('upgrade');
  const open = (): void => {
    upgradeStore.getState().open(props.install.path);
    navStore.getState().go('torch-upgrade', { installPath: props.install.path });
  };
  return (
    <button type="button" className="button button-primary" title={t('buttonHint')} onClick={open} data-testid="open-torch-upgrade">
      <UpgradeIcon />{t('button')}
    </button>
  );
}
