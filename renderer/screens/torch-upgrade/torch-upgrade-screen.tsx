import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { StateType, stepOf, stepsOf } from '../../../shared/wizard/machine.js';
import { torchUpgradeGoal } from '../../../shared/wizard/torch-upgrade.js';
import { navStore } from '../../state/nav-store.js';
import { useUpgrade } from '../../state/tx-stores.js';
import { Stepper } from '../wizard/stepper.js';
import { ChooseStep } from './choose-step.js';
import { ResultStep } from './result-step.js';
import { ReviewStep } from './review-step.js';
import { RunStep } from './run-step.js';

/** The torch-upgrade wizard (issue 7): target and source → review → download → install → verify → result. */
export function TorchUpgradeScreen(): ReactElement {
  const { t } = useTranslation('upgrade');
  const state = useUpgrade((s) => s.state);
  const steps = stepsOf(torchUpgradeGoal).map((key) => ({ key, label: t(`wizard.steps.${key}`) }));
  return (
    <div className="screen" data-testid="upgrade-screen" data-state={state.type}>
      <header className="screen-header">
        <div>
          <h1>{t('wizard.title')}</h1>
          <p className="muted">{t('wizard.subtitle')}</p>
        </div>
      </header>
      <Stepper steps={steps} current={stepOf(torchUpgradeGoal, state)} label={t('wizard.stepsLabel')} />
      {state.type === StateType.Choose || state.type === StateType.Planning ? <ChooseStep state={state} />
        : state.type === StateType.Review ? <ReviewStep state={state} />
        : state.type === StateType.Running ? <RunStep state={state} />
        : <ResultStep state={state} onOpenHistory={() => navStore.getState().go('history')} />}
    </div>
  );
}
