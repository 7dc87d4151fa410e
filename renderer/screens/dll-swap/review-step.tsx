import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DllSwapPlan, PlanFile } from '../../../shared/schemas/tx.js';
import type { SourceChoice } from '../../../shared/wizard/dll-swap.js';
import type { Review } from '../../../shared/wizard/machine.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Pill } from '../../components/status.js';
import { wizardStore } from '../../state/tx-stores.js';
import { RefusalList } from './refusal-list.js';
import { componentName, fileName } from './tx-format.js';
import { useSize } from './use-size.js';

const HOW = ['stage', 'journal', 'place', 'verify', 'rollback'] as const;

/** Step 2: every file (old version/size → new), backup size, free space, refusals; nothing changed yet. */
export function ReviewStep(props: { state: Review<SourceChoice, DllSwapPlan> }): ReactElement {
  const { t } = useTranslation('tx');
  const size = useSize();
  const { plan, error } = props.state;
  const ready = plan.status === 'ready';
  const notes = ready ? (plan.notes ?? []) : [];
  return (
    <section className="card wizard-step" aria-labelledby="review-heading" data-testid="dll-swap-review" data-status={plan.status}>
      <header className="card-header">
        <h2 id="review-heading" className="card-title">{t('wizard.review.heading')}</h2>
        <div className="card-aside">
          <Pill tone={ready ? 'ok' : 'error'}>{ready ? t('wizard.review.ready') : t('wizard.review.refused')}</Pill>
        </div>
      </header>
      <Summary plan={plan} />
      {plan.refusals.length > 0 ? <RefusalList title={t('wizard.review.refusalsHeading')} refusals={plan.refusals} /> : null}
      {plan.files.length > 0 ? <FileTable files={plan.files} /> : null}
      {ready ? (
        <div className="stats">
          <Stat label={t('wizard.review.backup')} value={size(plan.backupBytes)} hint={t('wizard.review.backupHint')} testId="backup-size" />
          <Stat label={t('wizard.review.newBytes')} value={size(plan.newBytes)} />
          {plan.space.map((s) => (
            <Stat
              key={s.path} label={t('wizard.review.space')} testId="free-space" title={s.path}
              value={<>{size(s.freeBytes)} <Pill tone={s.freeBytes >= s.neededBytes ? 'ok' : 'error'}>{s.freeBytes >= s.neededBytes ? t('wizard.review.spaceOk') : t('wizard.review.spaceLow')}</Pill></>}
              hint={t('wizard.review.spaceNeeded', { needed: size(s.neededBytes) })}
            />
          ))}
        </div>
      ) : null}
      {ready ? (
        <div className="how">
          <h3 className="subheading">{t('wizard.review.howHeading')}</h3>
          <ol className="how-list">{HOW.map((k) => <li key={k}>{t(`wizard.review.how.${k}`)}</li>)}</ol>
          {notes.length > 0 ? <><h3 className="subheading">{t('wizard.review.notes')}</h3><ul className="how-list">{notes.map((n) => <li key={n}>{n}</li>)}</ul></> : null}
        </div>
      ) : null}
      {error ? <ErrorPanel title={t('wizard.review.applyFailed')} error={error} /> : null}
      <div className="wizard-actions">
        <button type="button" className="button" onClick={() => wizardStore.getState().back()} data-testid="swap-back">{t('wizard.review.back')}</button>
        <button type="button" className="button button-primary" disabled={!ready} onClick={() => void wizardStore.getState().apply()} data-testid="swap-apply">
          {t('wizard.review.apply', { count: plan.files.length })}
        </button>
      </div>
    </section>
  );
}

function Summary(props: { plan: DllSwapPlan }): ReactElement {
  const { t } = useTranslation('tx');
  const { plan } = props;
  const unknown = t('wizard.review.unknownVersion');
  const lines = [
    plan.cudnn.to ? t('wizard.review.summaryCudnn', { from: plan.cudnn.from ?? unknown, to: plan.cudnn.to }) : null,
    plan.cuda.to ? t('wizard.review.summaryCuda', { from: plan.cuda.from ?? unknown, to: plan.cuda.to }) : null,
  ].filter((l): l is string => l !== null);
  return (
    <div className="review-summary">
      {lines.map((l) => <p key={l} className="headline" data-testid="swap-summary">{l}</p>)}
      {plan.libDirs.map((d) => <p key={d} className="path" title={t('wizard.review.libDir')}>{d}</p>)}
    </div>
  );
}

function FileTable(props: { files: PlanFile[] }): ReactElement {
  const { t } = useTranslation('tx');
  const size = useSize();
  const version = (v: string | null): string => v ?? t('wizard.review.unknownVersion');
  return (
    <div className="table-wrap">
      <table className="file-table" data-testid="plan-files">
        <caption className="subheading">{t('wizard.review.filesHeading', { count: props.files.length })}</caption>
        <thead>
          <tr><th scope="col">{t('wizard.review.file')}</th><th scope="col">{t('wizard.review.component')}</th><th scope="col">{t('wizard.review.now')}</th><th scope="col" aria-hidden="true" /><th scope="col">{t('wizard.review.after')}</th></tr>
        </thead>
        <tbody>
          {props.files.map((f) => (
            <tr key={f.target} data-testid="plan-file">
              <td><code title={f.target}>{fileName(f.target)}</code></td>
              <td>{componentName(f.component)}</td>
              <td>{f.action === 'create' ? <span className="muted">{t('wizard.review.created')}</span> : <>{version(f.oldVersion)} <span className="muted">· {size(f.oldBytes ?? 0)}</span></>}</td>
              <td className="arrow" aria-hidden="true">→</td>
              <td><strong>{version(f.newVersion)}</strong> <span className="muted">· {size(f.newBytes)}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Stat(props: { label: string; value: ReactNode; hint?: string; testId?: string; title?: string }): ReactElement {
  return (
    <div className="stat" data-testid={props.testId} title={props.title}>
      <div className="stat-label">{props.label}</div>
      <div className="stat-value">{props.value}</div>
      {props.hint ? <div className="stat-hint">{props.hint}</div> : null}
    </div>
  );
}
