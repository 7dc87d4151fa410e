import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/** One visible step: its key and its label in the UI language. */
export interface StepView {
  key: string;
  label: string;
}

/**
 * The wizard's steps as a numbered list, the current one marked for screen readers too. The steps wrap onto a second
 * row when the window is narrow, so a label is never cut off (Japanese labels included).
 */
export function Stepper(props: { steps: StepView[]; current: string; label: string }): ReactElement {
  const { t } = useTranslation('tx');
  const current = props.steps.findIndex((s) => s.key === props.current);
  return (
    <ol className="stepper" aria-label={props.label} data-testid="stepper">
      {props.steps.map((step, i) => {
        const status = i < current ? 'done' : i === current ? 'current' : 'todo';
        return (
          <li key={step.key} className={`step step-${status}`} aria-current={status === 'current' ? 'step' : undefined} data-step={step.key}>
            <span className="step-number" aria-hidden="true">{status === 'done' ? '✓' : i + 1}</span>
            <span className="step-label">{step.label}</span>
            <span className="tx-sr-only"> ({t(`wizard.stepState.${status}`)})</span>
          </li>
        );
      })}
    </ol>
  );
}
