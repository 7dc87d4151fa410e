import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PATH_SCREEN_STEPS } from '../../../shared/wizard/cuda-path.js';
import { useCudaPath } from '../../state/cuda-path-store.js';
import { Stepper } from '../wizard/stepper.js';
import { GoalStepView } from './goal-step.js';
import { OverviewStep } from './overview-step.js';
import { VerifyStep } from './verify-step.js';

/**
 * The guided CUDA 12 path (issue 8): an overview of every step planned up front (what it changes and why, what is
 * already done), then each step's review → run → result on the one wizard machine, then the verification and timing.
 */
export function CudaPathScreen(): ReactElement {
  const { t } = useTranslation('cuda-path');
  const current = useCudaPath((s) => s.current);
  const steps = PATH_SCREEN_STEPS.map((key) => ({ key, label: t(`steps.${key}`) }));
  return (
    <div className="screen" data-testid="cuda-path-screen" data-step={current}>
      <header className="screen-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('subtitle')}</p>
        </div>
      </header>
      <Stepper steps={steps} current={current} label={t('stepsLabel')} />
      {current === 'overview' ? <OverviewStep /> : current === 'verify' ? <VerifyStep /> : <GoalStepView step={current} />}
    </div>
  );
}
