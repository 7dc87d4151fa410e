import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/result.js';
import { getApi } from '../../api/client.js';
import { Card } from '../../components/card.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { RefreshIcon } from '../../components/icons.js';
import { Busy } from '../../components/status.js';
import { useLang } from '../../state/stores.js';
import { formatTime } from '../dll-swap/tx-format.js';
import { useSize } from '../dll-swap/use-size.js';
import { useCall } from '../settings/use-call.js';
import { saveTextFile } from './save-text-file.js';

const MAX_LINES = 500;

/** The log viewer (the newest lines of the rotated log files) and "Save report" for a forum post. */
export function LogsScreen(): ReactElement {
  const { t, i18n } = useTranslation('settings');
  const size = useSize();
  const lang = useLang((s) => s.lang);
  const [logs, reload] = useCall(() => getApi().readLogs({ maxLines: MAX_LINES, lang }), [lang]);
  return (
    <div className="screen" data-testid="logs-screen">
      <header className="screen-header">
        <div>
          <h1>{t('logs.title')}</h1>
          <p className="muted">{t('logs.subtitle', { dir: logs.kind === 'ok' ? logs.value.dir : '…' })}</p>
        </div>
        <button type="button" className="button" onClick={reload} data-testid="logs-refresh"><RefreshIcon />{t('logs.refresh')}</button>
      </header>
      <ReportCard />
      {logs.kind === 'loading' ? <Busy>{t('logs.loading')}</Busy>
        : logs.kind === 'error' ? <ErrorPanel title={t('logs.loadFailed')} error={logs.error} onRetry={reload} />
        : (
          <>
            <Card title={t('logs.lines', { count: logs.value.lines.length })}>
              {logs.value.lines.length === 0 ? <p className="empty-state">{t('logs.empty')}</p>
                : <pre className="log-view" tabIndex={0} data-testid="log-lines">{logs.value.lines.join('\n')}</pre>}
            </Card>
            {logs.value.files.length > 0 ? (
              <Card title={t('logs.files')}>
                <ul className="plain-list log-files" data-testid="log-files">
                  {logs.value.files.map((f) => (
                    <li key={f.name}><code>{f.name}</code> <span className="muted">{size(f.bytes)} · {formatTime(f.modified, i18n.language)}</span></li>
                  ))}
                </ul>
              </Card>
            ) : null}
          </>
        )}
    </div>
  );
}

function ReportCard(): ReactElement {
  const { t } = useTranslation('settings');
  const lang = useLang((s) => s.lang);
  const [anonymize, setAnonymize] = useState(true);
  const [state, setState] = useState<'idle' | 'building' | { saved: string } | { error: ApiError }>('idle');
  const save = async (): Promise<void> => {
    setState('building');
    const r = await getApi().buildReport({ anonymize, lang });
    if (!r.ok) return setState({ error: r.error });
    saveTextFile(r.value.fileName, r.value.text);
    setState({ saved: r.value.fileName });
  };
  return (
    <Card title={t('logs.report.heading')} testId="report-card">
      <p className="muted small">{t('logs.report.hint')}</p>
      <div className="settings-actions">
        <label className="choice"><input type="checkbox" checked={anonymize} onChange={(e) => setAnonymize(e.target.checked)} data-testid="report-anonymize" /><span>{t('logs.report.anonymize')}</span></label>
        <button type="button" className="button button-primary" disabled={state === 'building'} onClick={() => void save()} data-testid="report-save">{t('logs.report.save')}</button>
      </div>
      {state === 'building' ? <Busy>{t('logs.report.building')}</Busy> : null}
      {typeof state === 'object' && 'saved' in state ? <p className="notice notice-ok" role="status" data-testid="report-saved">{t('logs.report.saved', { name: state.saved })}</p> : null}
      {typeof state === 'object' && 'error' in state ? <ErrorPanel title={t('logs.report.failed')} error={state.error} /> : null}
    </Card>
  );
}
