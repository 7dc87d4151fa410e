import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectReport } from '../../../shared/schemas/detect.js';

/** "Three different CUDA versions": the driver's ceiling, the toolkit's, and torch's, side by side in plain words. */
export function CudaVersionsPanel(props: { report: DetectReport }): ReactElement {
  const { t } = useTranslation();
  const r = props.report;
  const torchValues = r.installs.filter((i) => i.torch).map((i) => ({ key: i.path, value: i.torch?.cudaVersion ?? 'CPU', kind: t(`scan.kinds.${i.kind}`) }));
  const columns = [
    { id: 'driver', label: t('scan.cudaVersions.driverLabel'), meaning: t('scan.cudaVersions.driverMeaning'), values: [r.driver.maxCudaVersion ?? t('scan.cudaVersions.notFound')] },
    { id: 'toolkit', label: t('scan.cudaVersions.toolkitLabel'), meaning: t('scan.cudaVersions.toolkitMeaning'), values: r.toolkits.length > 0 ? r.toolkits.map((k) => k.version) : [t('scan.cudaVersions.noToolkit')] },
  ];
  return (
    <section className="card cuda-versions" aria-labelledby="cuda-versions-title" data-testid="cuda-versions">
      <h2 id="cuda-versions-title" className="card-title">{t('scan.cudaVersions.heading')}</h2>
      <p className="muted">{t('scan.cudaVersions.intro')}</p>
      <div className="cuda-columns">
        {columns.map((c) => (
          <div key={c.id} className="cuda-column" data-testid={`cuda-${c.id}`}>
            <div className="cuda-label"><code>{c.label}</code></div>
            <div className="cuda-value">{c.values.join(' · ')}</div>
            <p className="small">{c.meaning}</p>
          </div>
        ))}
        <div className="cuda-column cuda-column-key" data-testid="cuda-torch">
          <div className="cuda-label"><code>{t('scan.cudaVersions.torchLabel')}</code><span className="pill pill-info">{t('scan.cudaVersions.matters')}</span></div>
          <div className="cuda-value">
            {torchValues.length === 0 ? t('scan.cudaVersions.notFound') : null}
            {torchValues.map((v) => (
              <div key={v.key}>{v.value}{torchValues.length > 1 ? <span className="muted small"> · {v.kind}</span> : null}</div>
            ))}
          </div>
          <p className="small">{t('scan.cudaVersions.torchMeaning')}</p>
        </div>
      </div>
      <p className="small muted">{t('scan.cudaVersions.rule')}</p>
    </section>
  );
}
