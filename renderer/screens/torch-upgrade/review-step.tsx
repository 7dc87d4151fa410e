import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TorchUpgradePlan } from '../../../shared/schemas/torch-upgrade.js';
import type { Review } from '../../../shared/wizard/machine.js';
import { targetId, type UpgradeChoice } from '../../../shared/wizard/torch-upgrade.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Pill } from '../../components/status.js';
import { torchUpgradePlanShown } from '../../i18n/plan-shown.js';
import { upgradeStore } from '../../state/tx-stores.js';
import { RefusalList } from '../dll-swap/refusal-list.js';
import { useSize } from '../dll-swap/use-size.js';
import { LauncherChanges } from './launcher-changes.js';
import { PackageTable } from './package-table.js';

const HOW = ['download', 'snapshot', 'install', 'verify', 'rollback'] as const;

/** Step 2: every package old → new with its download, disk needed vs free, launcher lines, refusals; nothing changed yet. */
export function ReviewStep(props: { state: Review<UpgradeChoice, TorchUpgradePlan> }): ReactElement {
  const { t } = useTranslation('upgrade');
  const size = useSize();
  const { error } = props.state;
  // Texts the engine sent with their messages, rendered in the language on screen (a switch re-renders, no re-plan).
  const plan = torchUpgradePlanShown(t, props.state.plan);
  const ready = plan.status === 'ready';
  const outside = plan.packages.filter((p) => !p.family && p.action !== 'keep');
  const cached = plan.packages.filter((p) => p.cached && p.action !== 'remove' && p.action !== 'keep').length;
  return (
    <section className="card wizard-step" aria-labelledby="upgrade-review-heading" data-testid="upgrade-review" data-status={plan.status}>
      <header className="card-header">
        <h2 id="upgrade-review-heading" className="card-title">{t('review.heading')}</h2>
        <div className="card-aside"><Pill tone={ready ? 'ok' : 'error'}>{ready ? t('review.ready') : t('review.refused')}</Pill></div>
      </header>
      <div className="review-summary">
        {plan.target ? (
          <p className="headline" data-testid="upgrade-summary">
            {t('review.summary', { from: plan.current.torch ?? t('review.none'), to: targetId(plan.target) })}
          </p>
        ) : null}
        <p className="path" title={plan.app}>{plan.app}</p>
        <p className="muted small">
          {t('review.source')}: <span data-testid="upgrade-source-label">{sourceText(plan.source, t)}</span>
          {plan.pythonVersion ? <> · {t('review.python')} {plan.pythonVersion}</> : null}
        </p>
      </div>
      {plan.refusals.length > 0 ? <RefusalList title={t('review.refusalsHeading')} refusals={plan.refusals} /> : null}
      {plan.xformers.action === 'drop' ? (
        <div className="notice notice-warn" role="note" data-testid="xformers-drop">
          <strong>{t('review.xformersDrop')}</strong>{plan.xformers.reason ? <p>{plan.xformers.reason}</p> : null}
        </div>
      ) : null}
      {outside.length > 0 ? (
        <p className="notice notice-warn" data-testid="outside-notice">{t('review.outsideNotice', { names: outside.map((p) => p.name).join(', ') })}</p>
      ) : null}
      {plan.packages.length > 0 ? <PackageTable packages={plan.packages} /> : null}
      <div className="stats">
        <Stat label={t('review.download')} value={size(plan.downloadBytes)} hint={cached > 0 ? t('review.downloadHint', { count: cached }) : undefined} testId="upgrade-download" />
        {plan.space.map((s) => (
          <Stat key={s.path} label={t('review.space')} title={s.path} testId="upgrade-space"
            value={<>{size(s.freeBytes)} <Pill tone={s.freeBytes >= s.neededBytes ? 'ok' : 'error'}>{s.freeBytes >= s.neededBytes ? t('review.spaceOk') : t('review.spaceLow')}</Pill></>}
            hint={t('review.spaceNeeded', { needed: size(s.neededBytes) })} />
        ))}
      </div>
      {plan.launcher.length > 0 ? <LauncherChanges changes={plan.launcher} /> : null}
      {ready ? (
        <div className="how">
          <h3 className="subheading">{t('review.howHeading')}</h3>
          <ol className="how-list">{HOW.map((k) => <li key={k}>{t(`review.how.${k}`)}</li>)}</ol>
        </div>
      ) : null}
      {plan.notes.length > 0 ? <><h3 className="subheading">{t('review.notes')}</h3><ul className="how-list" data-testid="upgrade-notes">{plan.notes.map((n) => <li key={n}>{n}</li>)}</ul></> : null}
      {error ? <ErrorPanel title={t('review.applyFailed')} error={error} /> : null}
      <div className="wizard-actions">
        <button type="button" className="button" onClick={() => upgradeStore.getState().back()} data-testid="upgrade-back">{t('review.back')}</button>
        <button type="button" className="button button-primary" disabled={!ready} onClick={() => void upgradeStore.getState().apply()} data-testid="upgrade-apply">{t('review.apply')}</button>
      </div>
    </section>
  );
}

function Stat(props: { label: string; value: ReactElement | string; hint?: string | undefined; testId?: string; title?: string }): ReactElement {
  return (
    <div className="stat" data-testid={props.testId} title={props.title}>
      <div className="stat-label">{props.label}</div>
      <div className="stat-value">{props.value}</div>
      {props.hint ? <div className="stat-hint">{props.hint}</div> : null}
    </div>
  );
}

/** The source in the UI's words: the official index, a mirror by its name, the index URL, or the local folder. */
function sourceText(source: TorchUpgradePlan['source'], t: (k: string) => string): string {
  switch (source.kind) {
    case 'official':
      return t('choose.official');
    case 'mirror':
      return `${t('choose.mirror')} — ${source.label}`;
    case 'url':
      return source.indexUrl ?? source.label;
    case 'local':
      return `${t('choose.localLabel')} — ${source.findLinks ?? source.label}`;
  }
}
