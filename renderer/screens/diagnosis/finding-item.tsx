import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding } from '../../../shared/schemas/finding.js';
import { CommandCopy } from '../../components/command-copy.js';
import { SeverityIcon } from '../../components/status.js';

/** One finding: severity (icon and word), title, detail, the fix, and a "Why?" expander with the evidence. */
export function FindingItem(props: { finding: Finding }): ReactElement {
  const { t } = useTranslation();
  const f = props.finding;
  return (
    <li className={`finding finding-${f.severity}`} data-testid="finding" data-code={f.code}>
      <div className="finding-head">
        <SeverityIcon severity={f.severity} />
        <span className={`severity-label tone-text-${f.severity}`}>{t(`diagnosis.severity.${f.severity}`)}</span>
        <h3 className="finding-title">{f.title}</h3>
        {f.unconfirmed ? (
          <span className="badge badge-unconfirmed" title={t('diagnosis.unconfirmedHint')} data-testid="unconfirmed">
            {t('diagnosis.unconfirmed')}
          </span>
        ) : null}
      </div>
      {f.detail ? <p className="finding-detail">{f.detail}</p> : null}
      {f.fix ? (
        <p className="finding-fix">
          <strong>{t('diagnosis.fixLabel')}</strong> {f.fix}
        </p>
      ) : null}
      {(f.commands ?? []).map((c, i) => <CommandCopy key={i} command={c.display} />)}
      {f.evidence.length > 0 ? (
        <details className="finding-why">
          <summary>{t('diagnosis.why')}</summary>
          <p className="muted small">{t('diagnosis.evidence')} · <code>{f.code}</code></p>
          <ul className="evidence">
            {f.evidence.map((e, i) => <li key={i}><code>{e}</code></li>)}
          </ul>
        </details>
      ) : null}
    </li>
  );
}
