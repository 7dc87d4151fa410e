import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectReport } from '../../../shared/schemas/detect.js';
import { Card } from '../../components/card.js';
import { RefreshIcon } from '../../components/icons.js';
import { Busy, Skeleton } from '../../components/status.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { currentReport, type ScanPhase } from '../../state/scan-store.js';
import { scanStore, useScan } from '../../state/stores.js';
import { AddInstallForm } from './add-install-form.js';
import { CudaVersionsPanel } from './cuda-versions-panel.js';
import { DriverCard } from './driver-card.js';
import { GpuCard } from './gpu-card.js';
import { InstallCard } from './install-card.js';
import { MachineNotice } from './machine-notice.js';
import { ToolkitsCard } from './toolkits-card.js';

/** The Scan screen (issue 2): what is on this machine, shown as soon as the quick report is in. */
export function ScanScreen(): ReactElement {
  const { t } = useTranslation();
  const phase = useScan((s) => s.phase);
  const report = currentReport(phase);
  const busy = phase.kind === 'quick-loading' || phase.kind === 'probing';
  return (
    <div className="screen" data-testid="scan-screen">
      <header className="screen-header">
        <div>
          <h1>{t('scan.title')}</h1>
          <p className="muted">{t('scan.subtitle')}</p>
        </div>
        <button type="button" className="button" onClick={() => void scanStore.getState().scan()} disabled={busy} data-testid="rescan">
          <RefreshIcon /> {t('scan.rescan')}
        </button>
      </header>
      <StatusLine phase={phase} />
      {phase.kind === 'error' ? <ErrorPanel title={t('scan.error.title')} error={phase.error} onRetry={() => void scanStore.getState().scan()} /> : null}
      {report ? <ReportView report={report} probing={phase.kind === 'probing'} /> : phase.kind !== 'error' ? <LoadingView /> : null}
      <div className="card">
        <AddInstallForm />
      </div>
    </div>
  );
}

function StatusLine(props: { phase: ScanPhase }): ReactElement {
  const { t } = useTranslation();
  const p = props.phase;
  let content: ReactElement | string | null = null;
  if (p.kind === 'quick-loading' || p.kind === 'idle') content = <Busy>{t('scan.scanning')}</Busy>;
  else if (p.kind === 'probing') content = <Busy>{t('scan.probing')}</Busy>;
  else if (p.kind === 'complete') content = p.probeError ? t('scan.probeFailed', { message: p.probeError.message }) : t('scan.complete', { seconds: ((p.report.durationMs ?? 0) / 1000).toFixed(1) });
  return (
    <p className="status-line" role="status" aria-live="polite" data-testid="scan-status" data-phase={p.kind}>
      {content}
    </p>
  );
}

function ReportView(props: { report: DetectReport; probing: boolean }): ReactElement {
  const { t } = useTranslation();
  const r = props.report;
  return (
    <>
      <MachineNotice report={r} />
      <div className="grid-2">
        {r.gpus.map((gpu) => <GpuCard key={gpu.index} gpu={gpu} />)}
        <DriverCard driver={r.driver} />
      </div>
      <CudaVersionsPanel report={r} />
      <h2 className="section-title">{t('scan.installs.heading')}</h2>
      {r.installs.length === 0 ? (
        <div className="empty-state" data-testid="no-installs">
          <h3>{t('scan.empty.noInstallsTitle')}</h3>
          <p>{t('scan.empty.noInstallsBody')}</p>
        </div>
      ) : (
        <div className="installs">
          {r.installs.map((install) => <InstallCard key={install.path} install={install} probing={props.probing} />)}
        </div>
      )}
      <ToolkitsCard toolkits={r.toolkits} />
    </>
  );
}

function LoadingView(): ReactElement {
  const { t } = useTranslation();
  return (
    <div aria-busy="true" data-testid="scan-loading">
      <div className="grid-2">
        <Card title={t('scan.gpu.heading')}><Skeleton lines={3} /></Card>
        <Card title={t('scan.driver.heading')}><Skeleton lines={3} /></Card>
      </div>
      <Card title={t('scan.installs.heading')}><Skeleton lines={5} /></Card>
    </div>
  );
}
