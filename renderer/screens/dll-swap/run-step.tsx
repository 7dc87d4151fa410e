import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DllSwapPlan, JobFile } from '../../../shared/schemas/tx.js';
import { jobProgress, type SourceChoice } from '../../../shared/wizard/dll-swap.js';
import type { Running } from '../../../shared/wizard/machine.js';
import { Busy } from '../../components/status.js';
import { fileName } from './tx-format.js';
import { shownError } from '../../i18n/shown.js';

/** The phases a job reports, in the words the UI uses (others are shown as the engine wrote them). */
const PHASES = ['planning', 'planned', 'preparing', 'prepared', 'applying', 'applied', 'verifying', 'verified', 'committed', 'rolling-back', 'rolled-back'];

/** Step 3: the swap runs; overall progress by step weights and each file's state. */
export function RunStep(props: { state: Running<SourceChoice, DllSwapPlan> }): ReactElement {
  const { t } = useTranslation('tx');
  const { job, plan, pollError } = props.state;
  const phase = job?.phase ?? 'planning';
  const percent = Math.round(jobProgress(job) * 100);
  const files: JobFile[] = job?.files.length ? job.files : (plan?.files ?? []).map((f) => ({ target: f.target, bytes: f.newBytes, doneBytes: 0, state: 'pending' }));
  return (
    <section className="card wizard-step" aria-labelledby="run-heading" data-testid="dll-swap-run" data-phase={phase}>
      <h2 id="run-heading" className="card-title">{t('wizard.run.heading')}</h2>
      <p role="status" aria-live="polite" className="run-phase"><Busy>{PHASES.includes(phase) ? t(`wizard.run.phase.${phase}`) : phase}</Busy></p>
      <div className="progress-label">
        <label className="field-label" htmlFor="swap-progress">{t('wizard.run.progress')}</label>
        <span className="muted" data-testid="run-percent">{percent}%</span>
      </div>
      <progress id="swap-progress" className="progress" max={100} value={percent}>{percent}%</progress>
      <ul className="run-files" data-testid="run-files">
        {files.map((f) => (
          <li key={f.target} className={`run-file run-file-${f.state}`} data-testid="run-file" data-state={f.state}>
            <code title={f.target}>{fileName(f.target)}</code>
            <progress className="progress progress-small" max={Math.max(f.bytes, 1)} value={f.state === 'pending' ? 0 : Math.min(f.doneBytes, f.bytes)} aria-label={fileName(f.target)} />
            <span className="run-file-state">{t(`wizard.run.fileState.${f.state}`)}</span>
          </li>
        ))}
      </ul>
      {pollError ? <p className="notice notice-warn" role="alert">{t('wizard.run.pollFailed', { message: shownError(t, pollError).message })}</p> : null}
      <p className="muted small">{t('wizard.run.keepOpen')}</p>
    </section>
  );
}
