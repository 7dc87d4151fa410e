import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job, JobFile } from '../../../shared/schemas/tx.js';
import { cudaInstallGoal, cudnnOverlayGoal, pathSwapGoal, type PathGoalStep } from '../../../shared/wizard/cuda-path.js';
import { canRollBack, StateType, type GoalSpec, type PlanLike, type WizardState } from '../../../shared/wizard/machine.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Busy, ToneIcon } from '../../components/status.js';
import { cudaPathStore, cudnnStore, pathSwapStore, toolkitStore, useCudnnStep, usePathSwapStep, useToolkitStep } from '../../state/cuda-path-store.js';
import { navStore } from '../../state/nav-store.js';
import type { WizardStore } from '../../state/tx-wizard-store.js';
import { fileName } from '../dll-swap/tx-format.js';
import { RefusalList } from '../dll-swap/refusal-list.js';
import { DownloadList } from '../torch-upgrade/download-list.js';
import { LogTail } from '../wizard/log-tail.js';
import { RollbackButton } from '../wizard/rollback-button.js';
import { CudnnReview, SwapReview, ToolkitReview } from './reviews.js';
import { shownError } from '../../i18n/shown.js';

/** One goal step of the path: review → run → result, on that goal's wizard (its own transaction). */
export function GoalStepView(props: { step: PathGoalStep }): ReactElement {
  const toolkit = useToolkitStep((s) => s.state);
  const cudnn = useCudnnStep((s) => s.state);
  const swap = usePathSwapStep((s) => s.state);
  if (props.step === 'toolkit') {
    return <StepFrame step="toolkit" spec={cudaInstallGoal} state={toolkit} store={toolkitStore.getState()} review={(p) => <ToolkitReview plan={p} />} resultArgs={{ version: toolkit.choice.version }} />;
  }
  if (props.step === 'cudnn') return <StepFrame step="cudnn" spec={cudnnOverlayGoal} state={cudnn} store={cudnnStore.getState()} review={(p) => <CudnnReview plan={p} />} resultArgs={{}} />;
  return <StepFrame step="dll-swap" spec={pathSwapGoal} state={swap} store={pathSwapStore.getState()} review={(p) => <SwapReview plan={p} />} resultArgs={{}} />;
}

interface FrameProps<C, P extends PlanLike & { refusals: { code: string; message: string; fix: string }[] }> {
  step: PathGoalStep;
  spec: GoalSpec<C, P, unknown>;
  state: WizardState<C, P>;
  store: WizardStore<C, P>;
  review: (plan: P) => ReactNode;
  resultArgs: Record<string, string>;
}

function StepFrame<C, P extends PlanLike & { refusals: { code: string; message: string; fix: string }[] }>(props: FrameProps<C, P>): ReactElement {
  const { t } = useTranslation('cuda-path');
  const { state, step, store } = props;
  const path = cudaPathStore.getState();
  const sub = state.type === StateType.Review ? 'review' : state.type === StateType.Running ? 'run' : state.type === StateType.Result || state.type === StateType.RollingBack ? 'result' : 'planning';
  const back = (
    <button type="button" className="button" disabled={sub === 'run' || state.type === StateType.RollingBack} onClick={() => void path.go('overview')} data-testid="cuda-path-back">{t('step.back')}</button>
  );
  return (
    <section className="card wizard-step" aria-labelledby="path-step-heading" data-testid="cuda-path-goal" data-goal={step} data-sub={sub}
      data-status={state.type === StateType.Review ? state.plan.status : state.type === StateType.Result ? state.job.status : undefined}>
      <h2 id="path-step-heading" className="card-title">{t(`steps.${step}`)} · {t(`step.${sub === 'planning' ? 'review' : sub}`)}</h2>
      {state.type === StateType.Choose || state.type === StateType.Planning ? (
        <>
          {state.type === StateType.Planning ? <p role="status"><Busy>{t('step.planning')}</Busy></p> : null}
          {state.type === StateType.Choose && state.error ? <ErrorPanel title={t('step.planFailed', { message: shownError(t, state.error).message })} error={state.error} onRetry={() => void store.plan()} /> : null}
          <div className="wizard-actions">{back}</div>
        </>
      ) : state.type === StateType.Review ? (
        <>
          {props.review(state.plan)}
          {state.plan.refusals.length > 0 ? <RefusalList title={t('step.refused')} refusals={state.plan.refusals} /> : null}
          {state.error ? <ErrorPanel title={t('step.planFailed', { message: shownError(t, state.error).message })} error={state.error} /> : null}
          {state.plan.status === 'already-installed' ? <p className="notice notice-ok" data-testid="cuda-path-already"><ToneIcon tone="ok" /> {t('step.alreadyInstalled')}</p> : null}
          <p className="muted small">{t('step.ownTransaction')}</p>
          <div className="wizard-actions">
            {state.plan.status === 'ready' ? <button type="button" className="button button-primary" onClick={() => void store.apply()} data-testid="cuda-path-apply">{t(`step.apply.${step}`)}</button> : null}
            {back}
          </div>
        </>
      ) : state.type === StateType.Running ? (
        <RunView job={state.job} phase={state.job ? props.spec.phaseOf(state.job) : props.spec.phases[0] ?? ''} percent={Math.round(props.spec.progress(state.job ?? placeholderJob) * 100)} />
      ) : (
        <ResultView step={step} job={state.job} args={props.resultArgs} rollingBack={state.type === StateType.RollingBack}
          rollback={state.type === StateType.Result ? state.rollback : { kind: 'none' }} canRollBack={canRollBack(state)} onRollback={() => void store.rollback()} back={back} />
      )}
    </section>
  );
}

const placeholderJob: Job = { id: '', goal: '', status: 'running', phase: 'planning', txId: null, files: [], app: null, downloads: [], verify: null, message: '', result: null, log: [], startedAt: '', finishedAt: null };

/** The running job: its phase, overall progress, each download and each file, and the log's tail. */
function RunView(props: { job: Job | null; phase: string; percent: number }): ReactElement {
  const { t } = useTranslation('cuda-path');
  const { t: tx } = useTranslation('tx');
  const { job, phase } = props;
  const files: JobFile[] = job?.files ?? [];
  return (
    <div data-testid="cuda-path-run" data-phase={phase}>
      <p role="status" aria-live="polite" className="run-phase"><Busy>{t(`run.heading.${phase}`)}</Busy></p>
      <div className="progress-label">
        <label className="field-label" htmlFor="path-progress">{t('run.progress')}</label>
        <span className="muted" data-testid="run-percent">{props.percent}%</span>
      </div>
      <progress id="path-progress" className="progress" max={100} value={props.percent}>{props.percent}%</progress>
      {job && job.downloads.length > 0 ? <DownloadList downloads={job.downloads} /> : null}
      {files.length > 0 ? (
        <>
          <h3 className="subheading">{t('run.files')}</h3>
          <ul className="run-files" data-testid="run-files">
            {files.map((f) => (
              <li key={f.target} className={`run-file run-file-${f.state}`} data-testid="run-file" data-state={f.state}>
                <code title={f.target}>{fileName(f.target)}</code>
                <progress className="progress progress-small" max={Math.max(f.bytes, 1)} value={f.state === 'pending' ? 0 : Math.min(f.doneBytes, f.bytes)} aria-label={fileName(f.target)} />
                <span className="run-file-state">{tx(`wizard.run.fileState.${f.state}`)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 className="subheading">{t('run.log')}</h3>
      <LogTail lines={job?.log ?? []} label={t('run.log')} testId="cuda-path-log" />
    </div>
  );
}

/** The step's outcome: committed (Next / Undo), rolled back with the reason, or refused with nothing changed. */
function ResultView(props: {
  step: PathGoalStep; job: Job; args: Record<string, string>; rollingBack: boolean; canRollBack: boolean; onRollback: () => void; back: ReactNode;
  rollback: { kind: string; files?: number };
}): ReactElement {
  const { t } = useTranslation('cuda-path');
  const { job } = props;
  const reason = job.result?.kind === 'rolled-back' || job.result?.kind === 'rollback-incomplete' ? job.result.reason : job.message;
  const undone = props.rollback.kind === 'done';
  return (
    <div className="path-result" data-testid="cuda-path-result" data-status={job.status}>
      {job.status === 'committed' ? (
        <div className="banner banner-ok" data-testid="result-banner">
          <h3 className="banner-title"><ToneIcon tone="ok" />{t(`result.committed.${props.step}`, props.args)}</h3>
          {job.txId ? <p className="muted small">{t('result.transaction')} <code data-testid="cuda-path-tx">{job.txId}</code></p> : null}
          <p className="small">{t('step.ownTransaction')}</p>
        </div>
      ) : job.status === 'refused' ? (
        job.result?.kind === 'refused' ? <RefusalList title={t('result.refused')} refusals={job.result.refusals} /> : <p className="notice notice-warn">{t('result.refused')}</p>
      ) : (
        <div className="banner banner-error" role="alert" data-testid="result-banner">
          <h3 className="banner-title"><ToneIcon tone="error" />{t(job.status === 'rolled-back' ? 'result.rolled-back' : 'result.failed', { reason })}</h3>
        </div>
      )}
      {undone ? <p className="notice notice-ok" role="status" data-testid="cuda-path-undone"><ToneIcon tone="ok" /> {t('step.undone', { files: props.rollback.files ?? 0 })}</p> : null}
      <details className="log">
        <summary>{t('run.log')}</summary>
        <LogTail lines={job.log} label={t('run.log')} testId="cuda-path-result-log" />
      </details>
      <div className="wizard-actions">
        {job.status === 'committed' && !undone ? (
          <button type="button" className="button button-primary" disabled={props.rollingBack} onClick={() => void cudaPathStore.getState().advance(props.step, job)} data-testid="cuda-path-next">
            {props.step === 'dll-swap' ? t('step.toVerify') : t('step.next')}
          </button>
        ) : null}
        {props.canRollBack ? <RollbackButton label={t('step.undo')} confirmText={t('step.undoConfirm')} busy={props.rollingBack} onConfirm={props.onRollback} testId="cuda-path-undo" /> : null}
        <button type="button" className="button" onClick={() => navStore.getState().go('history')} data-testid="cuda-path-history">{t('step.history')}</button>
        {props.back}
      </div>
    </div>
  );
}
