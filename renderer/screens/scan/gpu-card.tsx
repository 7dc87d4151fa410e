import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Gpu } from '../../../shared/schemas/detect.js';
import { Card } from '../../components/card.js';
import { ChipIcon } from '../../components/icons.js';
import { Facts } from '../../components/status.js';
import { formatVram } from '../../format/gpu-arch.js';

/** One graphics card: name, VRAM, compute capability and architecture. */
export function GpuCard(props: { gpu: Gpu }): ReactElement {
  const { t } = useTranslation();
  const { gpu } = props;
  const source = gpu.computeCapabilitySource === 'name-table' ? t('scan.gpu.ccFromTable') : gpu.computeCapabilitySource === 'probe' ? t('scan.gpu.ccFromProbe') : null;
  return (
    <Card title={t('scan.gpu.heading')} icon={<ChipIcon />} testId="gpu-card">
      <p className="headline" data-testid="gpu-name">{gpu.name}</p>
      {gpu.nameTruncated ? <p className="muted small">{t('scan.gpu.truncated')}</p> : null}
      <Facts
        rows={[
          [t('scan.gpu.vram'), formatVram(gpu.memoryTotalMiB) ?? t('common.unknown')],
          [t('scan.gpu.cc'), gpu.computeCapability ? <span>{gpu.computeCapability}{source ? <span className="muted small"> · {source}</span> : null}</span> : t('common.unknown')],
          [t('scan.gpu.arch'), gpu.architecture ?? t('common.unknown')],
        ]}
      />
    </Card>
  );
}
