import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { dllSwapGoal } from '../../../shared/wizard/dll-swap.js';
import { StateType, stepOf, stepsOf } from '../../../shared/wizard/machine.js';
import { navStore } from '../../state/nav-store.js';
import { useWizard } from '../../state/tx-stores.js';
import { Stepper } from '../wizard/stepper.js';
import { ChooseStep } from './choose-step.js';
import { ResultStep } from './result-step.js';
import { ReviewStep } from './review-step.js';
import { RunStep } from './run-step.js';

/** The DLL-swap wizard (issue 4): choose sources → review every file → copy, swap, verify → result. */
export function DllSwapScreen(): ReactElement {
  const { t } = useTranslation('tx');
  const { t: tu } = useTranslation('upgrade');
  const state = useWizard((s) => s.state);
  const steps = stepsOf(dllSwapGoal).map((key) => ({ key, label: (dllSwapGoal.phases as readonly string[]).includes(key) ? tu(`dllSwapSteps.${key}`) : t(`wizard.steps.${key}`) }));
  return (
    <div className="screen" data-testid="dll-swap-screen" data-state={state.type}>
      <header className="screen-header">
        <div>
          <h1>{t('wizard.title')}</h1>
          <p className="muted">{t('wizard.subtitle')}</p>
        </div>
      </header>
      <Stepper steps={steps} current={stepOf(dllSwapGoal, state)} label={t('wizard.stepsLabel')} />
      {state.type === StateType.Choose || state.type === StateType.Planning ? <ChooseStep state={state} />
        : state.type === StateType.Review ? <ReviewStep state={state} />
        : state.type === StateType.Running ? <RunStep state={state} />
        : <ResultStep state={state} onOpenHistory={() => navStore.getState().go('history')} />}
    </div>
  );
}
