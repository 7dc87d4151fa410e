import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DllSwapPlan } from '../../../shared/schemas/tx.js';
import type { SourceChoice } from '../../../shared/wizard/dll-swap.js';
import { canRollBack, type Result, type RollingBack } from '../../../shared/wizard/machine.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Busy, ToneIcon } from '../../components/status.js';
import { wizardStore } from '../../state/tx-stores.js';
import { RefusalList } from './refusal-list.js';
import { LogTail } from '../wizard/log-tail.js';
import { RollbackButton } from '../wizard/rollback-button.js';
import { VerificationSection } from '../wizard/verification-section.js';
import { VerifyReportView } from '../wizard/verify-report.js';

/** Step 4: verified and kept, or "Rolled back: <reason>" with the log; a Rollback button for a kept swap. */
export function ResultStep(props: { state: Result<SourceChoice, DllSwapPlan> | RollingBack<SourceChoice, DllSwapPlan>; onOpenHistory: () => void }): ReactElement {
  const { t } = useTranslation('tx');
  const { job } = props.state;
  const rollingBack = props.state.type === 'rolling-back';
  const rollback = props.state.type === 'result' ? props.state.rollback : { kind: 'none' as const };
  const { plan } = props.state;
  const unknown = t('wizard.review.unknownVersion');
  const changes = [
    plan?.cudnn.to ? t('wizard.review.summaryCudnn', { from: plan.cudnn.from ?? unknown, to: plan.cudnn.to }) : null,
    plan?.cuda.to ? t('wizard.review.summaryCuda', { from: plan.cuda.from ?? unknown, to: plan.cuda.to }) : null,
  ].filter((c): c is string => c !== null);
  const reason = job.result?.kind === 'rolled-back' || job.result?.kind === 'rollback-incomplete' ? job.result.reason : job.message;
  return (
    <section className="card wizard-step" aria-labelledby="result-heading" data-testid="dll-swap-result" data-status={job.status}>
      <h2 id="result-heading" className="tx-sr-only">{t('wizard.steps.result')}</h2>
      {job.status === 'committed' ? (
        <div className="banner banner-ok" data-testid="result-banner">
          <h3 className="banner-title"><ToneIcon tone="ok" />{t('wizard.result.committedTitle')}</h3>
          {changes.map((c) => <p key={c} className="result-change" data-testid="result-change">{c}</p>)}
          <p>{t('wizard.result.committedBody')}</p>
        </div>
      ) : job.status === 'rolled-back' ? (
        <div className="banner banner-error" role="alert" data-testid="result-banner">
          <h3 className="banner-title"><ToneIcon tone="error" />{t('wizard.result.rolledBackHeading')}</h3>
          <p className="result-reason" data-testid="rolled-back-reason">{t('wizard.result.rolledBackTitle', { reason })}</p>
          <p>{t('wizard.result.rolledBackBody')}</p>
        </div>
      ) : job.result?.kind === 'refused' ? (
        <RefusalList title={t('wizard.result.refusedTitle')} refusals={job.result.refusals} />
      ) : (
        <div className="banner banner-error" role="alert" data-testid="result-banner">
          <h3 className="banner-title"><ToneIcon tone="error" />{t('wizard.result.failedTitle')}</h3>
          <p>{job.message}</p>
          <p>{t('wizard.result.failedBody')}</p>
        </div>
      )}
      {job.txId ? <p className="muted small">{t('wizard.result.transaction')}: <code data-testid="result-tx">{job.txId}</code></p> : null}
      {rollback.kind === 'done' ? (
        <p className="notice notice-ok" role="status" data-testid="manual-rollback-done"><ToneIcon tone="ok" /> {t('wizard.result.rolledBackManually', { count: rollback.files })}</p>
      ) : rollback.kind === 'refused' ? (
        <RefusalList title={t('wizard.result.rollbackRefused')} refusals={rollback.refusals} />
      ) : rollback.kind === 'error' ? <ErrorPanel title={t('wizard.result.rollbackError')} error={rollback.error} /> : null}
      {job.verify ? (
        <VerificationSection title={t('wizard.result.verification')} open={job.status === 'committed'}>
          <VerifyReportView report={job.verify} />
        </VerificationSection>
      ) : null}
      <details className="log">
        <summary>{t('wizard.result.log')}</summary>
        <LogTail lines={job.log} label={t('wizard.result.log')} testId="result-log" />
      </details>
      <div className="wizard-actions">
        {rollingBack ? <Busy>{t('wizard.result.rollingBack')}</Busy> : null}
        {canRollBack(props.state) || rollingBack ? (
          <RollbackButton confirmText={t('wizard.result.rollbackConfirm', { count: job.files.length })} busy={rollingBack} onConfirm={() => void wizardStore.getState().rollback()} testId="swap-rollback" />
        ) : null}
        <button type="button" className="button" onClick={props.onOpenHistory} data-testid="swap-open-history">{t('wizard.result.history')}</button>
        <button type="button" className="button" disabled={rollingBack} onClick={() => wizardStore.getState().restart()} data-testid="swap-again">{t('wizard.result.again')}</button>
      </div>
    </section>
  );
}
