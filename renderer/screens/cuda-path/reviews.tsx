import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CudaInstallPlan, CudnnOverlayPlan } from '../../../shared/schemas/cuda.js';
import type { DllSwapPlan } from '../../../shared/schemas/tx.js';
import type { Msg } from '../../../shared/i18n/message.js';
import { Facts } from '../../components/status.js';
import { withShownLists } from '../../i18n/plan-shown.js';
import { fileName } from '../dll-swap/tx-format.js';
import { useSize } from '../dll-swap/use-size.js';

/**
 * The plan's steps and notes in plain words: the engine wrote them in the language asked for and sent their
 * messages beside them, rendered here in the language on screen (a switch re-renders them without planning again).
 */
function StepsAndNotes(props: { plan: { steps: string[]; notes?: string[]; stepMsgs?: (Msg | null)[]; noteMsgs?: (Msg | null)[] } }): ReactElement {
  const { t } = useTranslation('cuda-path');
  const { steps, notes = [] } = withShownLists(t, props.plan);
  return (
    <>
      {steps.length > 0 ? (
        <>
          <h3 className="subheading">{t('toolkit.plannedSteps')}</h3>
          <ol className="plan-steps" data-testid="cuda-path-plan-steps">{steps.map((s, i) => <li key={i}>{s}</li>)}</ol>
        </>
      ) : null}
      {notes.length > 0 ? (
        <>
          <h3 className="subheading">{t('toolkit.notes')}</h3>
          <ul className="plan-notes" data-testid="cuda-path-notes">{notes.map((n, i) => <li key={i} className="muted">{n}</li>)}</ul>
        </>
      ) : null}
    </>
  );
}

/** The toolkit step: release, mode, target, every download from NVIDIA, components, environment — never the driver. */
export function ToolkitReview(props: { plan: CudaInstallPlan }): ReactElement {
  const { t } = useTranslation('cuda-path');
  const size = useSize();
  const { plan } = props;
  return (
    <div data-testid="cuda-path-review-toolkit">
      <Facts rows={[
        [t('toolkit.release'), <code key="r">CUDA {plan.release}</code>],
        [t('toolkit.mode'), plan.mode === 'user' ? t('toolkit.modeUser') : t('toolkit.modeSystem')],
        [t('toolkit.target'), <code key="t" className="path">{plan.target}</code>],
        [t('toolkit.download'), size(plan.downloadBytes)],
        [t('toolkit.components'), <span key="c" data-testid="cuda-path-components">{plan.components.join(', ')}</span>],
        ...(plan.env.length > 0 ? [[t('toolkit.env'), <code key="e">{plan.env.map((e) => e.name).join(', ')}</code>] as [string, ReactElement]] : []),
      ]} />
      <p className="notice notice-info" data-testid="cuda-path-no-driver">{t('toolkit.noDriver')}</p>
      {plan.elevation ? <p className="notice notice-warn">{t('toolkit.elevation')}</p> : null}
      {plan.downloads.length > 0 ? (
        <>
          <h3 className="subheading">{t('toolkit.downloads')}</h3>
          <ul className="path-downloads" data-testid="cuda-path-downloads">
            {plan.downloads.map((d) => (
              <li key={d.url} data-cached={String(d.cached)}><code>{d.name}</code> <span className="muted small">{d.bytes === null ? '?' : size(d.bytes)}{d.cached ? ` · ${t('toolkit.cached')}` : ''}</span></li>
            ))}
          </ul>
        </>
      ) : null}
      <StepsAndNotes plan={plan} />
    </div>
  );
}

/** The cuDNN step: the version change in the toolkit, the archive, files placed and replaced, the backup. */
export function CudnnReview(props: { plan: CudnnOverlayPlan }): ReactElement {
  const { t } = useTranslation('cuda-path');
  const size = useSize();
  const { plan } = props;
  const replaced = plan.files.filter((f) => f.action === 'replace').length;
  // Before a download the archive's entries are not known yet: the files are listed once it is fetched and checked.
  const unknown = plan.files.length === 0 && plan.download !== null && !plan.download.cached;
  return (
    <div data-testid="cuda-path-review-cudnn">
      <Facts rows={[
        [t('cudnn.change'), <span key="c" data-testid="cuda-path-cudnn-change">{plan.cudnn.from ?? t('cudnn.none')} → {plan.cudnn.to ?? '?'}</span>],
        [t('cudnn.builtFor'), plan.cudnn.builtFor ?? '—'],
        [t('cudnn.toolkit'), <code key="t" className="path">{plan.toolkit}</code>],
        ...(unknown ? [[t('cudnn.files'), <span key="f" className="muted">{t('cudnn.afterDownload')}</span>] as [string, ReactElement]] : [
          [t('cudnn.files'), <span key="f">{plan.files.length} ({t('cudnn.replaced', { count: replaced })})</span>] as [string, ReactElement],
          [t('cudnn.backup'), size(plan.backupBytes)] as [string, string],
        ]),
        ...(plan.download ? [[t('toolkit.download'), <span key="d"><code>{plan.download.name}</code> {plan.download.bytes === null ? '' : size(plan.download.bytes)}</span>] as [string, ReactElement]] : []),
      ]} />
      {plan.elevation ? <p className="notice notice-warn">{t('toolkit.elevation')}</p> : null}
      <StepsAndNotes plan={plan} />
    </div>
  );
}

/** The DLL swap step: every file in torch\lib, now → new, and the backup; the workload is timed before and after. */
export function SwapReview(props: { plan: DllSwapPlan }): ReactElement {
  const { t } = useTranslation('cuda-path');
  const size = useSize();
  const { plan } = props;
  return (
    <div data-testid="cuda-path-review-swap">
      <h3 className="subheading">{t('swap.files')}</h3>
      <div className="table-wrap">
        <table className="file-table" data-testid="cuda-path-swap-files">
          <thead><tr><th>{t('swap.file')}</th><th>{t('swap.old')}</th><th>{t('swap.new')}</th></tr></thead>
          <tbody>
            {plan.files.map((f) => (
              <tr key={f.target}><td><code title={f.target}>{fileName(f.target)}</code></td><td>{f.oldVersion ?? '—'}</td><td>{f.newVersion ?? '—'}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <Facts className="path-swap-facts" rows={[[t('swap.backup'), size(plan.backupBytes)]]} />
      <p className="muted">{t('swap.timed')}</p>
      <StepsAndNotes plan={plan} />
    </div>
  );
}
