import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TorchUpgradePlan } from '../../../shared/schemas/torch-upgrade.js';
import type { Preview } from '../../../shared/wizard/machine.js';
import { targetId, type UpgradeChoice } from '../../../shared/wizard/torch-upgrade.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Busy, Pill } from '../../components/status.js';
import { torchUpgradePlanShown } from '../../i18n/plan-shown.js';
import { upgradeStore } from '../../state/tx-stores.js';
import { RefusalList } from '../dll-swap/refusal-list.js';

/** The builds that fit: the recommendation (preselected) and the alternatives with why; the ruled-out ones with the reason. */
export function TargetList(props: { choice: UpgradeChoice; preview: Preview<TorchUpgradePlan>; disabled: boolean }): ReactElement {
  const { t } = useTranslation('upgrade');
  const name = useId();
  const { preview, choice } = props;
  if (preview.kind === 'none' || preview.kind === 'loading') {
    return <div className="target-list"><span className="field-label">{t('choose.target')}</span><Busy>{t('choose.targetsLoading')}</Busy></div>;
  }
  if (preview.kind === 'failed') return <ErrorPanel title={t('choose.targetsFailed')} error={preview.error} />;
  const plan = torchUpgradePlanShown(t, preview.plan);
  const recommended = plan.target ? targetId(plan.target) : null;
  const selected = choice.target === '' ? recommended : choice.target;
  const pick = (id: string): void => upgradeStore.getState().edit({ target: id === recommended ? '' : id });
  return (
    <fieldset className="target-list" data-testid="upgrade-targets" disabled={props.disabled}>
      <legend className="field-label">{t('choose.target')}</legend>
      {plan.target && recommended ? (
        <label className="choice target-choice">
          <input type="radio" name={name} checked={selected === recommended} onChange={() => pick(recommended)} data-testid="upgrade-target-recommended" />
          <span>
            <span className="target-line">
              <code className="version">torch {recommended}</code> <Pill tone="ok">{t('choose.recommended')}</Pill>
              {plan.target.xformers ? <span className="muted small"> {t('choose.withXformers', { version: plan.target.xformers })}</span> : <span className="muted small"> {t('choose.withoutXformers')}</span>}
            </span>
            <span className="choice-path">{plan.target.why}</span>
          </span>
        </label>
      ) : <p className="notice notice-warn" data-testid="upgrade-no-target">{t('choose.noTarget')}</p>}
      {plan.alternatives.map((a) => {
        const id = targetId(a);
        return (
          <label className="choice target-choice" key={id}>
            <input type="radio" name={name} checked={selected === id} onChange={() => pick(id)} data-testid="upgrade-target-alternative" data-target={id} />
            <span>
              <span className="target-line"><code className="version">torch {id}</code> <Pill tone="neutral">{t('choose.alternative')}</Pill></span>
              <span className="choice-path">{a.note}</span>
            </span>
          </label>
        );
      })}
      {plan.rejected.length > 0 ? (
        <details className="rejected-targets" data-testid="upgrade-rejected">
          <summary>{t('choose.rejected', { count: plan.rejected.length })}</summary>
          <ul className="rejected">
            {plan.rejected.map((r) => <li key={targetId(r)}><code className="version">torch {targetId(r)}</code> — {r.note}</li>)}
          </ul>
        </details>
      ) : null}
      {!plan.target && plan.refusals.length > 0 ? <RefusalList title={t('review.refusalsHeading')} refusals={plan.refusals} /> : null}
    </fieldset>
  );
}
