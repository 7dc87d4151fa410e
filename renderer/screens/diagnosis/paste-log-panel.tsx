import type { FormEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Extracted } from '../../../shared/schemas/doctor.js';
import { Card } from '../../components/card.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Facts } from '../../components/status.js';
import { doctorStore, useDoctor } from '../../state/stores.js';
import { FindingItem } from './finding-item.js';

/** Paste a log → the doctor: what it read from the text, and the findings. */
export function PasteLogPanel(): ReactElement {
  const { t } = useTranslation();
  const text = useDoctor((s) => s.text);
  const phase = useDoctor((s) => s.phase);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void doctorStore.getState().diagnose();
  };
  return (
    <Card title={t('diagnosis.paste.heading')} testId="paste-log">
      <p className="muted">{t('diagnosis.paste.intro')}</p>
      <form onSubmit={submit}>
        <label htmlFor="paste-log-text" className="field-label">{t('diagnosis.paste.label')}</label>
        <textarea id="paste-log-text" className="log-input" rows={6} value={text} spellCheck={false} onChange={(e) => doctorStore.getState().setText(e.target.value)} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={phase.kind === 'loading' || text.trim() === ''}>
            {phase.kind === 'loading' ? t('diagnosis.paste.busy') : t('diagnosis.paste.button')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {phase.kind === 'error' ? <ErrorPanel title={t('diagnosis.paste.heading')} error={phase.error} /> : null}
        {phase.kind === 'ready' ? (
          <div className="doctor-result" data-testid="doctor-result">
            <h3 className="subheading">{t('diagnosis.paste.extracted')}</h3>
            <ExtractedFacts extracted={phase.report.extracted} />
            {phase.report.findings.length > 0 ? (
              <>
                <h3 className="subheading">{t('diagnosis.paste.findings')}</h3>
                <ul className="findings">{phase.report.findings.map((f, i) => <FindingItem key={`${f.code}-${i}`} finding={f} />)}</ul>
              </>
            ) : (
              <p className="muted">{t('diagnosis.noFindings')}</p>
            )}
          </div>
        ) : null}
      </div>
    </Card>
  );
}

function ExtractedFacts(props: { extracted: Extracted }): ReactElement {
  const { t } = useTranslation();
  const e = props.extracted;
  const rows: [string, string][] = [];
  for (const [key, value] of Object.entries(e) as [keyof Extracted, unknown][]) {
    if (key === 'gpus') {
      for (const g of e.gpus) rows.push([t('diagnosis.paste.fields.gpus'), g.computeCapability ? `${g.name} (CC ${g.computeCapability})` : g.name]);
    } else if (typeof value === 'string') {
      rows.push([t(`diagnosis.paste.fields.${key}`), value]);
    }
  }
  return rows.length > 0 ? <Facts rows={rows} className="facts-grid" /> : <p className="muted">{t('diagnosis.paste.nothing')}</p>;
}
