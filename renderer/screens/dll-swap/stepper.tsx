import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { StateType, type WizardState } from '../../../shared/wizard/dll-swap.js';

const STEPS = ['choose', 'review', 'run', 'result'] as const;

/** Which of the four visible steps a state belongs to. */
function stepIndex(s: WizardState): number {
  switch (s.type) {
    case StateType.Choose:
    case StateType.Planning:
      return 0;
    case StateType.Review:
      return 1;
    case StateType.Applying:
      return 2;
    case StateType.Result:
    case StateType.RollingBack:
      return 3;
  }
}

/** The four steps as a numbered list, the current one marked for screen readers too. */
export function Stepper(props: { state: WizardState }): ReactElement {
  const { t } = useTranslation('tx');
  const current = stepIndex(props.state);
  return (
    <ol className="stepper" aria-label={t('wizard.stepsLabel')}>
      {STEPS.map((step, i) => {
        const status = i < current ? 'done' : i === current ? 'current' : 'todo';
        return (
          <li key={step} className={`step step-${status}`} aria-current={status === 'current' ? 'step' : undefined}>
            <span className="step-number" aria-hidden="true">{status === 'done' ? '✓' : i + 1}</span>
            <span className="step-label">{t(`wizard.steps.${step}`)}</span>
            <span className="tx-sr-only"> ({t(`wizard.stepState.${status}`)})</span>
          </li>
        );
      })}
    </ol>
  );
}
