import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { LauncherChange } from '../../../shared/schemas/torch-upgrade.js';
import { fileName } from '../dll-swap/tx-format.js';
import { CopyButton } from '../wizard/copy-button.js';

/** The launcher lines the upgrade rewrites (webui-user.bat TORCH_COMMAND, XFORMERS_PACKAGE): before and after, copyable. */
export function LauncherChanges(props: { changes: LauncherChange[] }): ReactElement {
  const { t } = useTranslation('upgrade');
  return (
    <div className="launcher-changes" data-testid="upgrade-launcher">
      <h3 className="subheading">{t('review.launcher')}</h3>
      <p className="muted small">{t('review.launcherHint')}</p>
      <ul className="plain-list">
        {props.changes.map((c) => (
          <li key={`${c.file}:${c.variable}`} className="launcher-change" data-testid="launcher-change">
            <p className="small"><code title={c.file}>{fileName(c.file)}</code> · <code>{c.variable}</code></p>
            {c.before === null ? <p className="muted small">{t('review.launcherNotSet')}</p> : <pre className="command command-before">{c.before}</pre>}
            <div className="command-line">
              <pre className="command command-after">{c.after}</pre>
              <CopyButton text={c.after} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
