import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectReport } from '../../../shared/schemas/detect.js';
import { ToneIcon, type Tone } from '../../components/status.js';

type Notice = { key: 'noGpu' | 'driverNotInstalled' | 'driverNotLoaded' | 'libraryMismatch'; tone: Tone };

/** Which machine-level dead end the report shows, if any (what to tell the user before anything else). */
export function machineNotice(report: DetectReport): Notice | null {
  const codes = new Set(report.findings.map((f) => f.code));
  if (report.driver.status === 'not-loaded') return { key: 'driverNotLoaded', tone: 'error' };
  if (report.driver.status === 'library-mismatch') return { key: 'libraryMismatch', tone: 'warn' };
  if (codes.has('no-nvidia-gpu')) return { key: 'noGpu', tone: 'info' };
  if (codes.has('driver-not-installed')) return { key: 'driverNotInstalled', tone: 'warn' };
  if (report.gpus.length === 0 && report.driver.status === 'not-installed') return { key: 'noGpu', tone: 'info' };
  return null;
}

/** A banner for a machine that has no usable NVIDIA GPU, saying what to do next. */
export function MachineNotice(props: { report: DetectReport }): ReactElement | null {
  const { t } = useTranslation();
  const notice = machineNotice(props.report);
  if (!notice) return null;
  return (
    <section className={`banner banner-${notice.tone}`} data-testid="machine-notice" aria-labelledby="machine-notice-title">
      <h2 id="machine-notice-title" className="banner-title">
        <ToneIcon tone={notice.tone} />
        {t(`scan.empty.${notice.key}Title`)}
      </h2>
      <p>{t(`scan.empty.${notice.key}Body`)}</p>
    </section>
  );
}
