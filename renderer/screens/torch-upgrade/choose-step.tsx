import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TorchUpgradePlan } from '../../../shared/schemas/torch-upgrade.js';
import { previewKeyOf, type Choose, type Planning } from '../../../shared/wizard/machine.js';
import { torchUpgradeGoal, type UpgradeChoice } from '../../../shared/wizard/torch-upgrade.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Busy } from '../../components/status.js';
import { currentReport } from '../../state/scan-store.js';
import { useScan } from '../../state/stores.js';
import { upgradeStore } from '../../state/tx-stores.js';
import { SourceFields } from './source-fields.js';
import { TargetList } from './target-list.js';

/** How long typing in the URL / folder field rests before the builds are listed for it. */
const TYPING_MS = 500;

/** Step 1: the install, the source of the wheels, and the build (the recommended one preselected). */
export function ChooseStep(props: { state: Choose<UpgradeChoice, TorchUpgradePlan> | Planning<UpgradeChoice, TorchUpgradePlan> }): ReactElement {
  const { t } = useTranslation('upgrade');
  const { t: tUi } = useTranslation('ui');
  const report = useScan((s) => currentReport(s.phase));
  const { choice, preview } = props.state;
  const planning = props.state.type === 'planning';
  const error = props.state.type === 'choose' ? props.state.error : null;
  const actions = upgradeStore.getState();
  const installs = report?.installs ?? [];
  const install = installs.find((i) => i.path === choice.app);
  const firstInstall = installs[0]?.path;
  const key = previewKeyOf(torchUpgradeGoal, choice);
  // Opened from the sidebar rather than from an install: start with the first install found.
  useEffect(() => {
    if (choice.app === '' && firstInstall) upgradeStore.getState().edit({ app: firstInstall });
  }, [choice.app, firstInstall]);
  // The builds depend on the install and the source: list them again when either changes (typing rests first).
  useEffect(() => {
    if (key === null || preview.kind !== 'none') return;
    const timer = setTimeout(() => void upgradeStore.getState().preview(), choice.source === 'url' || choice.source === 'local' ? TYPING_MS : 0);
    return () => clearTimeout(timer);
  }, [key, preview.kind, choice.source]);
  const problem = error && ['no-app', 'no-mirror', 'no-url', 'no-folder'].includes(error.code) ? error.code : null;
  return (
    <section className="card wizard-step" aria-labelledby="upgrade-choose-heading" data-testid="upgrade-choose" data-preview={preview.kind}>
      <h2 id="upgrade-choose-heading" className="card-title">{t('choose.heading')}</h2>
      <div className="wizard-fields">
        <div>
          <label className="field-label" htmlFor="upgrade-install">{t('choose.install')}</label>
          {installs.length === 0 && !choice.app ? <p className="muted">{t('choose.noInstalls')}</p> : (
            <select id="upgrade-install" className="select" value={choice.app} disabled={planning} onChange={(e) => actions.edit({ app: e.target.value, target: '' })} data-testid="upgrade-install">
              {!install ? <option value={choice.app}>{choice.app || '—'}</option> : null}
              {installs.map((i) => <option key={i.path} value={i.path}>{tUi(`scan.kinds.${i.kind}`)} — {i.path}</option>)}
            </select>
          )}
          {install ? (
            <p className="muted small" data-testid="upgrade-current">
              {install.torch ? t('choose.current', { torch: install.torch.version }) : t('choose.currentNone')}
            </p>
          ) : null}
        </div>
        <SourceFields choice={choice} disabled={planning} />
        <TargetList choice={choice} preview={preview} disabled={planning} />
      </div>
      {problem ? <p className="notice notice-error" role="alert" data-testid="upgrade-choice-problem">{t(`choose.errors.${problem}`)}</p>
        : error ? <ErrorPanel title={t('choose.planFailed')} error={error} /> : null}
      <div className="wizard-actions">
        {planning ? <Busy>{t('choose.planning')}</Busy> : null}
        <button type="button" className="button button-primary" disabled={planning} onClick={() => void actions.plan()} data-testid="upgrade-plan">
          {t('choose.next')}
        </button>
      </div>
    </section>
  );
}
