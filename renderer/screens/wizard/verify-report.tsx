import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { speedupText } from './verify-format.js';
import type { VerifyReport } from '../../../shared/schemas/tx.js';

/** Each check of the verification ✓/✗ with its detail, and the same workload timed before and after (`labels`: other words than the upgrade's). */
export function VerifyReportView(props: { report: VerifyReport; running?: boolean; labels?: { before: string; after: string } }): ReactElement {
  const { t } = useTranslation('upgrade');
  const { report } = props;
  const ms = (v: number | null): string => (v === null ? t('verify.notMeasured') : t('verify.ms', { ms: v < 10 ? v.toFixed(1) : Math.round(v) }));
  return (
    <div className="verify-report" data-testid="verify-report">
      <ul className="verify-checks" data-testid="verify-checks">
        {report.checks.map((c) => (
          <li key={c.name} className={c.ok ? 'verify-ok' : 'verify-fail'} data-testid="verify-check" data-ok={String(c.ok)}>
            <span className="verify-mark" aria-hidden="true">{c.ok ? '✓' : '✗'}</span>
            <span className="tx-sr-only">{c.ok ? t('verify.passed') : t('verify.failed')}</span>
            <span className="verify-name">{c.name}</span>
            {c.detail ? <span className="verify-detail muted">{c.detail}</span> : null}
          </li>
        ))}
      </ul>
      {!props.running && (report.beforeMs !== null || report.afterMs !== null) ? (
        <div className="stats timing" data-testid="verify-timing">
          <div className="stat"><div className="stat-label">{props.labels?.before ?? t('verify.before')}</div><div className="stat-value">{ms(report.beforeMs)}</div></div>
          <div className="stat"><div className="stat-label">{props.labels?.after ?? t('verify.after')}</div><div className="stat-value">{ms(report.afterMs)}</div></div>
          <div className="stat"><div className="stat-label">{t('verify.speedup')}</div><div className="stat-value" data-testid="verify-speedup">{speedupText(report, t)}</div></div>
        </div>
      ) : null}
    </div>
  );
}
