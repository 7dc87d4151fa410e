import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { shown } from '../../i18n/shown.js';
import type { TorchUpgradePlan } from '../../../shared/schemas/torch-upgrade.js';
import { canRollBack, type Result, type RollingBack } from '../../../shared/wizard/machine.js';
import type { UpgradeChoice } from '../../../shared/wizard/torch-upgrade.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Busy, ToneIcon } from '../../components/status.js';
import { upgradeStore } from '../../state/tx-stores.js';
import { RefusalList } from '../dll-swap/refusal-list.js';
import { CommandLine } from '../wizard/copy-button.js';
import { LogTail } from '../wizard/log-tail.js';
import { RollbackButton } from '../wizard/rollback-button.js';
import { VerificationSection } from '../wizard/verification-section.js';
import { VerifyReportView } from '../wizard/verify-report.js';

/** The last step: upgraded and verified (with the speed-up), or "Rolled back: <reason>"; Rollback for a kept upgrade. */
export function ResultStep(props: { state: Result<UpgradeChoice, TorchUpgradePlan> | RollingBack<UpgradeChoice, TorchUpgradePlan>; onOpenHistory: () => void }): ReactElement {
  const { t } = useTranslation('upgrade');
  const { job, plan } = props.state;
  const rollingBack = props.state.type === 'rolling-back';
  const rollback = props.state.type === 'result' ? props.state.rollback : { kind: 'none' as const };
  const reason = job.result?.kind === 'rolled-back' || job.result?.kind === 'rollback-incomplete' ? shown(t, job.result.reason, job.result.reasonMsg) : shown(t, job.message, job.messageMsg);
  const changed = (plan?.packages ?? []).filter((p) => p.action === 'replace' || p.action === 'install' || p.action === 'remove');
  return (
    <section className="card wizard-step" aria-labelledby="upgrade-result-heading" data-testid="upgrade-result" data-status={job.status}>
      <h2 id="upgrade-result-heading" className="tx-sr-only">{t('result.heading')}</h2>
      {job.status === 'committed' ? (
        <div className="banner banner-ok" data-testid="result-banner">
          <h3 className="banner-title"><ToneIcon tone="ok" />{t('result.committedTitle')}</h3>
          <ul className="plain-list result-changes">
            {changed.map((p) => (
              <li key={p.name} className="result-change" data-testid="result-change">
                <code>{p.name}</code> <span className="version">{p.from ?? '—'}</span> → <strong className="version">{p.action === 'remove' ? '—' : p.to}</strong>
              </li>
            ))}
          </ul>
          <p>{t('result.committedBody')}</p>
        </div>
      ) : job.status === 'rolled-back' ? (
        <div className="banner banner-error" role="alert" data-testid="result-banner">
          <h3 className="banner-title"><ToneIcon tone="error" />{t('result.rolledBackHeading')}</h3>
          <p className="result-reason" data-testid="rolled-back-reason">{t('result.rolledBackTitle', { reason })}</p>
          <p>{t('result.rolledBackBody')}</p>
        </div>
      ) : job.result?.kind === 'refused' ? (
        <RefusalList title={t('result.refusedTitle')} refusals={job.result.refusals} />
      ) : (
        <div className="banner banner-error" role="alert" data-testid="result-banner">
          <h3 className="banner-title"><ToneIcon tone="error" />{t('result.failedTitle')}</h3>
          <p>{shown(t, job.message, job.messageMsg)}</p>
          <p>{t('result.failedBody')}</p>
        </div>
      )}
      {rollback.kind === 'done' ? (
        <p className="notice notice-ok" role="status" data-testid="manual-rollback-done"><ToneIcon tone="ok" /> {t('result.rolledBackManually')}</p>
      ) : rollback.kind === 'refused' ? (
        <RefusalList title={t('result.rollbackRefused')} refusals={rollback.refusals} />
      ) : rollback.kind === 'error' ? <ErrorPanel title={t('result.rollbackError')} error={rollback.error} /> : null}
      {job.verify ? (
        <VerificationSection title={t('result.verification')} open={job.status === 'committed'}>
          <VerifyReportView report={job.verify} />
        </VerificationSection>
      ) : null}
      {job.txId && canRollBack(props.state) ? (
        <div>
          <p className="muted small">{t('result.transaction')}: <code data-testid="result-tx">{job.txId}</code> · {t('result.rollbackCommand')}</p>
          <CommandLine command={`torchlift rollback ${job.txId}`} testId="rollback-command" />
        </div>
      ) : job.txId ? <p className="muted small">{t('result.transaction')}: <code data-testid="result-tx">{job.txId}</code></p> : null}
      <details className="log">
        <summary>{t('result.log')}</summary>
        <LogTail lines={job.log} label={t('result.log')} testId="result-log" />
      </details>
      <div className="wizard-actions">
        {rollingBack ? <Busy>{t('result.rollingBack')}</Busy> : null}
        {canRollBack(props.state) || rollingBack ? (
          <RollbackButton label={t('result.rollback')} confirmText={t('result.rollbackConfirm')} busy={rollingBack} onConfirm={() => void upgradeStore.getState().rollback()} testId="upgrade-rollback" />
        ) : null}
        <button type="button" className="button" onClick={props.onOpenHistory} data-testid="upgrade-open-history">{t('result.history')}</button>
        <button type="button" className="button" disabled={rollingBack} onClick={() => upgradeStore.getState().restart()} data-testid="upgrade-again">{t('result.again')}</button>
      </div>
    </section>
  );
}
