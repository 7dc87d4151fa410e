import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { StateType } from '../../../shared/wizard/dll-swap.js';
import { navStore } from '../../state/nav-store.js';
import { useWizard } from '../../state/tx-stores.js';
import { ChooseStep } from './choose-step.js';
import { ResultStep } from './result-step.js';
import { ReviewStep } from './review-step.js';
import { RunStep } from './run-step.js';
import { Stepper } from './stepper.js';

/** The DLL-swap wizard (issue 4): choose sources → review every file → swap and verify → result. */
export function DllSwapScreen(): ReactElement {
  const { t } = useTranslation('tx');
  const state = useWizard((s) => s.state);
  return (
    <div className="screen" data-testid="dll-swap-screen" data-state={state.type}>
      <header className="screen-header">
        <div>
          <h1>{t('wizard.title')}</h1>
          <p className="muted">{t('wizard.subtitle')}</p>
        </div>
      </header>
      <Stepper state={state} />
      {state.type === StateType.Choose || state.type === StateType.Planning ? <ChooseStep state={state} />
        : state.type === StateType.Review ? <ReviewStep state={state} />
        : state.type === StateType.Applying ? <RunStep state={state} />
        : <ResultStep state={state} onOpenHistory={() => navStore.getState().go('history')} />}
    </div>
  );
}
