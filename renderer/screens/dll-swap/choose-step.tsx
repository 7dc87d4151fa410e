import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DllSwapPlan } from '../../../shared/schemas/tx.js';
import type { SourceChoice } from '../../../shared/wizard/dll-swap.js';
import type { Choose, Planning } from '../../../shared/wizard/machine.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Busy } from '../../components/status.js';
import { currentReport } from '../../state/scan-store.js';
import { useScan } from '../../state/stores.js';
import { wizardStore } from '../../state/tx-stores.js';
import { SourcePicker } from './source-picker.js';

/** Step 1: the install, and the toolkit / cuDNN folders the new files come from. */
export function ChooseStep(props: { state: Choose<SourceChoice, DllSwapPlan> | Planning<SourceChoice, DllSwapPlan> }): ReactElement {
  const { t } = useTranslation('tx');
  const { t: tUi } = useTranslation('ui');
  const report = useScan((s) => currentReport(s.phase));
  const { choice: source } = props.state;
  const planning = props.state.type === 'planning';
  const error = props.state.type === 'choose' ? props.state.error : null;
  const actions = wizardStore.getState();
  const installs = report?.installs ?? [];
  const toolkits = report?.toolkits ?? [];
  const appKnown = installs.some((i) => i.path === source.app);
  const firstInstall = installs[0]?.path;
  // Opened from the sidebar rather than from an install: start with the first install found.
  useEffect(() => {
    if (source.app === '' && firstInstall) wizardStore.getState().edit({ app: firstInstall });
  }, [source.app, firstInstall]);
  return (
    <section className="card wizard-step" aria-labelledby="choose-heading" data-testid="dll-swap-choose">
      <h2 id="choose-heading" className="card-title">{t('wizard.steps.choose')}</h2>
      <div className="wizard-fields">
        <div>
          <label className="field-label" htmlFor="swap-install">{t('wizard.choose.install')}</label>
          {installs.length === 0 && !source.app ? <p className="muted">{t('wizard.choose.noInstalls')}</p> : (
            <select id="swap-install" className="select" value={source.app} disabled={planning} onChange={(e) => actions.edit({ app: e.target.value })} data-testid="swap-install">
              {!appKnown ? <option value={source.app}>{source.app || '—'}</option> : null}
              {installs.map((i) => <option key={i.path} value={i.path}>{tUi(`scan.kinds.${i.kind}`)} — {i.path}</option>)}
            </select>
          )}
        </div>
        <SourcePicker
          legend={t('wizard.choose.cuda')} hint={t('wizard.choose.cudaHint')} noneLabel={t('wizard.choose.cudaNone')}
          customLabel={t('wizard.choose.cudaCustom')} pathLabel={t('wizard.choose.cudaPath')} placeholder={t('wizard.choose.pathPlaceholder')}
          options={toolkits.map((tk) => ({ path: tk.path, label: t('wizard.choose.cudaDetected', { version: tk.version }) }))}
          value={source.cudaDir} disabled={planning} onChange={(cudaDir) => actions.edit({ cudaDir })} testId="swap-cuda"
        />
        <SourcePicker
          legend={t('wizard.choose.cudnn')} hint={t('wizard.choose.cudnnHint')} noneLabel={t('wizard.choose.cudnnNone')}
          customLabel={t('wizard.choose.cudnnCustom')} pathLabel={t('wizard.choose.cudnnPath')} placeholder={t('wizard.choose.pathPlaceholder')}
          options={toolkits.flatMap((tk) => (tk.cudnn ? [{ path: tk.path, label: t('wizard.choose.cudnnDetected', { version: tk.cudnn.version, cuda: tk.version }) }] : []))}
          value={source.cudnnDir} disabled={planning} onChange={(cudnnDir) => actions.edit({ cudnnDir })} testId="swap-cudnn"
        />
      </div>
      {error && (error.code === 'no-app' || error.code === 'no-source') ? (
        <p className="notice notice-error" role="alert">{t(`wizard.choose.errors.${error.code}`)}</p>
      ) : error ? <ErrorPanel title={t('wizard.choose.planFailed')} error={error} /> : null}
      <div className="wizard-actions">
        {planning ? <Busy>{t('wizard.choose.planning')}</Busy> : null}
        <button type="button" className="button button-primary" disabled={planning} onClick={() => void actions.plan()} data-testid="swap-plan">
          {t('wizard.choose.next')}
        </button>
      </div>
    </section>
  );
}
