import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectReport } from '../../../shared/schemas/detect.js';
import { Busy } from '../../components/status.js';
import { countBySeverity, groupFindings, type FindingGroup } from '../../format/group-findings.js';
import { recommendationFor } from '../../format/recommendation.js';
import { currentReport } from '../../state/scan-store.js';
import { useScan } from '../../state/stores.js';
import { CopyReportButton } from './copy-report.js';
import { FindingItem } from './finding-item.js';
import { PasteLogPanel } from './paste-log-panel.js';
import { RecommendationCard } from './recommendation-card.js';
import { SwapDllsButton } from '../dll-swap/swap-button.js';
import { CudaPathButton } from '../cuda-path/path-button.js';
import { UpgradeTorchButton } from '../torch-upgrade/upgrade-button.js';

/** The Diagnosis screen (issue 3): findings per install, recommended targets, paste-a-log, copy report. */
export function DiagnosisScreen(): ReactElement {
  const { t } = useTranslation();
  const phase = useScan((s) => s.phase);
  const report = currentReport(phase);
  const counts = report ? countBySeverity(report.findings) : null;
  return (
    <div className="screen" data-testid="diagnosis-screen">
      <header className="screen-header">
        <div>
          <h1>{t('diagnosis.title')}</h1>
          <p className="muted">{t('diagnosis.subtitle')}</p>
        </div>
        {report ? <CopyReportButton report={report} /> : null}
      </header>
      <p className="status-line" role="status" aria-live="polite">
        {phase.kind === 'probing' || phase.kind === 'quick-loading' ? <Busy>{t('diagnosis.waiting')}</Busy> : counts ? t('diagnosis.counts', counts) : null}
      </p>
      {report ? groupFindings(report).map((g) => <Group key={g.installPath ?? '(machine)'} group={g} report={report} />) : phase.kind !== 'quick-loading' ? <p className="empty-state">{t('diagnosis.scanFirst')}</p> : null}
      <PasteLogPanel />
    </div>
  );
}

function Group(props: { group: FindingGroup; report: DetectReport }): ReactElement {
  const { t } = useTranslation();
  const { group, report } = props;
  const install = report.installs.find((i) => i.path === group.installPath);
  const rec = install ? recommendationFor(install) : null;
  const title = group.installPath === null ? t('diagnosis.machineWide') : install ? t(`scan.kinds.${install.kind}`) : group.installPath;
  return (
    <section className="card finding-group" aria-label={title} data-testid="finding-group">
      <header className="card-header">
        <h2 className="card-title">{title}</h2>
        {install ? <div className="card-aside"><CudaPathButton install={install} /><SwapDllsButton install={install} /></div> : null}
      </header>
      {group.installPath !== null ? <p className="path">{group.installPath}</p> : null}
      {rec && install ? (
        <RecommendationCard rec={rec} action={rec.best && rec.best.torch !== install.torch?.version ? <UpgradeTorchButton install={install} /> : null} />
      ) : null}
      {group.findings.length === 0 ? (
        <p className="muted">{t('diagnosis.noFindings')}</p>
      ) : (
        <ul className="findings">{group.findings.map((f, i) => <FindingItem key={`${f.code}-${i}`} finding={f} />)}</ul>
      )}
    </section>
  );
}
