import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PATH_GOAL_STEPS } from '../../../shared/wizard/cuda-path.js';
import { ToneIcon } from '../../components/status.js';
import { cudaPathStore, useCudaPath } from '../../state/cuda-path-store.js';
import { navStore } from '../../state/nav-store.js';
import { VerifyReportView } from '../wizard/verify-report.js';

/** The last step: the swap's checks in the install's Python, the workload timed before and after, and every transaction. */
export function VerifyStep(): ReactElement {
  const { t } = useTranslation('cuda-path');
  const done = useCudaPath((s) => s.done);
  const swap = done['dll-swap'];
  return (
    <section className="card wizard-step" aria-labelledby="path-verify-heading" data-testid="cuda-path-verify">
      <h2 id="path-verify-heading" className="card-title">{t('steps.verify')}</h2>
      {swap ? (
        <div className="banner banner-ok"><h3 className="banner-title"><ToneIcon tone="ok" />{t('verify.heading')}</h3></div>
      ) : <p className="muted">{t('verify.notTimed')}</p>}
      {swap ? (
        <>
          <h3 className="subheading">{t('verify.checks')} · {t('verify.timing')}</h3>
          <VerifyReportView report={swap.verify ?? { checks: [], beforeMs: null, afterMs: null, speedup: '' }} labels={{ before: t('verify.before'), after: t('verify.after') }} />
        </>
      ) : null}
      <h3 className="subheading">{t('verify.steps')}</h3>
      <ul className="path-transactions" data-testid="cuda-path-transactions">
        {PATH_GOAL_STEPS.map((id) => {
          const job = done[id];
          return job?.txId ? <li key={id} data-step={id}>{t('verify.stepRow', { step: t(`steps.${id}`), id: job.txId })}</li> : null;
        })}
      </ul>
      <p className="muted small">{t('verify.undoHint')}</p>
      <div className="wizard-actions">
        <button type="button" className="button" onClick={() => navStore.getState().go('history')} data-testid="cuda-path-history">{t('step.history')}</button>
        <button type="button" className="button" onClick={() => { void cudaPathStore.getState().load(); void cudaPathStore.getState().go('overview'); }} data-testid="cuda-path-again">{t('verify.again')}</button>
      </div>
    </section>
  );
}
