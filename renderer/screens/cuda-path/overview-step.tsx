import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { renderMsg } from '../../../shared/i18n/message.js';
import type { CudaPathPlan, CudaPathStep } from '../../../shared/schemas/cuda.js';
import { nextStep, stepStatus, type PathGoalStep } from '../../../shared/wizard/cuda-path.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Busy, Pill, ToneIcon, type Tone } from '../../components/status.js';
import { cudaPathStore, useCudaPath } from '../../state/cuda-path-store.js';
import { navStore } from '../../state/nav-store.js';
import { useScan } from '../../state/stores.js';
import { upgradeStore } from '../../state/tx-stores.js';
import { currentReport } from '../../state/scan-store.js';
import { shownError } from '../../i18n/shown.js';

/** CUDA versions offered besides "the newest your driver runs" (the engine refuses one the driver cannot run). */
const VERSIONS = ['12.1', '12.2', '12.3', '12.4', '12.6', '12.8', '12.9'];

const TONE: Record<ReturnType<typeof stepStatus>, Tone> = { todo: 'neutral', done: 'ok', skipped: 'ok', committed: 'ok', blocked: 'error' };

/** Step 1: the install and CUDA version, then every step planned up front with what it changes and why. */
export function OverviewStep(): ReactElement {
  const { t } = useTranslation('cuda-path');
  const { app, version, plan: view } = useCudaPath((s) => s);
  const installs = useScan((s) => currentReport(s.phase)?.installs ?? []);
  const store = cudaPathStore.getState();
  // Opened from the sidebar: the first install the scan found is preselected (its path stays editable).
  const first = installs.find((i) => i.torch !== null)?.path ?? '';
  useEffect(() => {
    if (cudaPathStore.getState().app === '' && first !== '') cudaPathStore.getState().setApp(first);
  }, [first]);
  return (
    <>
      <section className="card wizard-step" aria-labelledby="path-choose-heading" data-testid="cuda-path-choose">
        <h2 id="path-choose-heading" className="card-title">{t('overview.heading')}</h2>
        <div className="path-fields">
          <label className="field-label" htmlFor="path-app">{t('overview.install')}</label>
          <input id="path-app" type="text" className="choice-input" list="path-installs" value={app} onChange={(e) => store.setApp(e.target.value)} data-testid="cuda-path-app" />
          <datalist id="path-installs">{installs.map((i) => <option key={i.path} value={i.path} />)}</datalist>
          <p className="muted small">{t('overview.installHint')}</p>
          <label className="field-label" htmlFor="path-version">{t('overview.version')}</label>
          <select id="path-version" value={version} onChange={(e) => store.setVersion(e.target.value)} data-testid="cuda-path-version">
            <option value="">{t('overview.versionNewest')}</option>
            {VERSIONS.map((v) => <option key={v} value={v}>CUDA {v}</option>)}
          </select>
        </div>
        <div className="wizard-actions">
          <button type="button" className="button button-primary" disabled={app.trim() === '' || view.kind === 'loading'} onClick={() => void store.load()} data-testid="cuda-path-plan">
            {view.kind === 'loading' ? <Busy>{t('overview.planning')}</Busy> : t('overview.plan')}
          </button>
        </div>
        {app.trim() === '' ? <p className="muted">{t('overview.noApp')}</p> : null}
        {view.kind === 'failed' ? <ErrorPanel title={t('overview.planFailed', { message: shownError(t, view.error).message })} error={view.error} /> : null}
      </section>
      {view.kind === 'ready' ? <PlannedPath plan={view.plan} /> : null}
    </>
  );
}

/** The whole path: the blocker first (torch upgrade offered, or the driver stop), then each step. */
function PlannedPath(props: { plan: CudaPathPlan }): ReactElement {
  const { t } = useTranslation('cuda-path');
  const { plan } = props;
  const doneJobs = useCudaPath((s) => s.done);
  const done = new Set(Object.keys(doneJobs) as PathGoalStep[]);
  const next = nextStep(plan, done);
  const text = (m: CudaPathStep['titleMsg'], fallback: string): string => (m ? renderMsg(t, m) : fallback);
  const blocker = plan.blockerMsg ? renderMsg(t, plan.blockerMsg) : plan.blocker;
  const stepTitle = (id: string): string => t(`steps.${id}`);
  const upgrade = (): void => {
    upgradeStore.getState().open(plan.app);
    navStore.getState().go('torch-upgrade', { installPath: plan.app });
  };
  return (
    <section className="card wizard-step" aria-labelledby="path-plan-heading" data-testid="cuda-path-plan-card" data-route={plan.route}>
      <h2 id="path-plan-heading" className="card-title">{t('overview.planned')}</h2>
      <p className="muted" data-testid="cuda-path-summary">
        {t('overview.summary', { torch: plan.torch.version ?? '—', torchCuda: plan.torch.cuda ?? '—', driver: plan.driver.version ?? '—', maxCuda: plan.driver.maxCuda ?? '—', targetCuda: plan.targetCuda })}
      </p>
      {blocker ? (
        <div className={`banner ${plan.route === 'torch-upgrade' ? 'banner-warn' : 'banner-error'}`} role="alert" data-testid="cuda-path-blocker" data-route={plan.route}>
          <h3 className="banner-title"><ToneIcon tone={plan.route === 'torch-upgrade' ? 'warn' : 'error'} />
            {t(plan.route === 'torch-upgrade' ? 'overview.upgradeHeading' : plan.steps[0]?.state === 'blocked' ? 'overview.driverHeading' : 'overview.blockedHeading')}
          </h3>
          <p>{blocker}</p>
          {plan.route === 'blocked' && plan.steps[0]?.state === 'blocked' ? <p data-testid="cuda-path-driver-never">{t('overview.driverNever')}</p> : null}
          {plan.route === 'torch-upgrade' ? (
            <div className="wizard-actions">
              <button type="button" className="button button-primary" onClick={upgrade} data-testid="cuda-path-upgrade">{t('overview.upgrade')}</button>
            </div>
          ) : null}
        </div>
      ) : null}
      <ol className="path-steps" data-testid="cuda-path-steps">
        {plan.steps.map((s) => {
          const status = stepStatus(s, done);
          return (
            <li key={s.id} className={`path-step path-step-${status}`} data-testid="cuda-path-step" data-id={s.id} data-state={status}>
              <div className="path-step-head">
                <strong className="path-step-title">{text(s.titleMsg, s.title)}</strong>
                <Pill tone={TONE[status]}>{t(`overview.state.${status}`)}</Pill>
              </div>
              <p className="path-step-detail"><span className="tx-sr-only">{t('overview.changes')}: </span>{text(s.detailMsg, s.detail)}</p>
              {s.command ? <p className="path-step-command small"><span className="muted">{t('overview.command')}:</span> <code>{s.command}</code></p> : null}
            </li>
          );
        })}
      </ol>
      {plan.route === 'dll-swap' ? (
        <div className="wizard-actions">
          {next !== null && next !== 'verify' ? (
            <button type="button" className="button button-primary" onClick={() => void cudaPathStore.getState().go(next)} data-testid="cuda-path-start" data-next={next}>
              {t(done.size > 0 ? 'overview.continue' : 'overview.start', { step: stepTitle(next) })}
            </button>
          ) : next === 'verify' ? (
            <button type="button" className="button button-primary" onClick={() => void cudaPathStore.getState().go('verify')} data-testid="cuda-path-show-verify">{t('overview.showResult')}</button>
          ) : <p className="muted">{t('overview.allDone')}</p>}
        </div>
      ) : null}
    </section>
  );
}
