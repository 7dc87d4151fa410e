import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TorchUpgradePlan } from '../../../shared/schemas/torch-upgrade.js';
import type { Running } from '../../../shared/wizard/machine.js';
import { torchUpgradePhase, upgradeProgress, type UpgradeChoice } from '../../../shared/wizard/torch-upgrade.js';
import { Busy } from '../../components/status.js';
import { LogTail } from '../wizard/log-tail.js';
import { VerifyReportView } from '../wizard/verify-report.js';
import { DownloadList } from './download-list.js';
import { shownError } from '../../i18n/shown.js';

/** Steps 3–5: downloads with speed and ETA, then pip's live output, then the checks as they pass. */
export function RunStep(props: { state: Running<UpgradeChoice, TorchUpgradePlan> }): ReactElement {
  const { t } = useTranslation('upgrade');
  const { job, plan, pollError } = props.state;
  const phase = job ? torchUpgradePhase(job) : 'downloading';
  const percent = job ? Math.round(upgradeProgress(job) * 100) : 0;
  return (
    <section className="card wizard-step" aria-labelledby="upgrade-run-heading" data-testid="upgrade-run" data-phase={phase}>
      <h2 id="upgrade-run-heading" className="card-title" role="status" aria-live="polite"><Busy>{t(`run.heading.${phase}`)}</Busy></h2>
      {plan === null ? <p className="notice notice-info" data-testid="upgrade-reattached">{t('run.reattached')}</p> : null}
      <div className="progress-label">
        <label className="field-label" htmlFor="upgrade-progress">{t('run.progress')}</label>
        <span className="muted" data-testid="run-percent">{percent}%</span>
      </div>
      <progress id="upgrade-progress" className="progress" max={100} value={percent}>{percent}%</progress>
      {job === null ? null
        : phase === 'downloading' ? <DownloadList downloads={job.downloads} />
        : phase === 'verifying' && job.verify ? <VerifyReportView report={job.verify} running /> : null}
      {phase === 'verifying' && job !== null && !job.verify ? <p className="muted">{t('run.checksRunning')}</p> : null}
      {phase !== 'downloading' && job ? (
        <div>
          <h3 className="subheading">{t('run.log')}</h3>
          <LogTail lines={job.log} label={t('run.log')} testId="upgrade-log" />
        </div>
      ) : null}
      {pollError ? <p className="notice notice-warn" role="alert">{t('run.pollFailed', { message: shownError(t, pollError).message })}</p> : null}
      <p className="muted small">{t('run.keepOpen')}</p>
    </section>
  );
}
