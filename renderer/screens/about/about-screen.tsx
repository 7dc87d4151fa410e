import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api/client.js';
import { Card } from '../../components/card.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Busy, Facts } from '../../components/status.js';
import { navStore } from '../../state/nav-store.js';
import { useLang } from '../../state/stores.js';
import { useSize } from '../dll-swap/use-size.js';
import { useCall } from '../settings/use-call.js';

/** About: version and runtime, where TorchLift keeps its files and how big they are, licences of what it ships. */
export function AboutScreen(): ReactElement {
  const { t } = useTranslation('settings');
  const size = useSize();
  const lang = useLang((s) => s.lang);
  const [about, reload] = useCall(() => getApi().about({ lang }), []);
  const [pruning, setPruning] = useState<'idle' | 'busy' | { freed: number }>('idle');
  const pruneCache = async (): Promise<void> => {
    setPruning('busy');
    const r = await getApi().pruneCache({ lang });
    setPruning(r.ok ? { freed: r.value.freedBytes } : 'idle');
    reload();
  };
  return (
    <div className="screen" data-testid="about-screen">
      <header className="screen-header">
        <div>
          <h1>{t('about.title')}</h1>
          <p className="muted">{t('about.subtitle')}</p>
        </div>
      </header>
      {about.kind === 'loading' ? <Busy>{t('settings.folderBrowser.loading')}</Busy>
        : about.kind === 'error' ? <ErrorPanel title={t('about.loadFailed')} error={about.error} onRetry={reload} />
        : (
          <>
            <Card title="TorchLift">
              <Facts rows={[
                [t('about.version'), <span key="v" data-testid="about-version">{about.value.version}</span>],
                [t('about.runtime'), `Node ${about.value.node}${about.value.electron ? ` · Electron ${about.value.electron}` : ''}`],
                [t('about.dataDir'), <code key="d" data-testid="about-data-dir">{about.value.dataDir}</code>],
                [t('about.settingsFile'), <code key="s">{about.value.settingsFile}</code>],
              ]} />
            </Card>
            <Card title={t('about.storage')}>
              <Facts rows={[
                [t('about.logs'), <span key="l"><span data-testid="about-logs-size">{size(about.value.logs.bytes)}</span> <code>{about.value.logs.path}</code></span>],
                [t('about.backups'), <span key="b">{size(about.value.backups.bytes)} <code>{about.value.backups.path}</code></span>],
                [t('about.cache'), <span key="c"><span data-testid="about-cache-size">{size(about.value.cache.bytes)}</span> <code>{about.value.cache.path}</code></span>],
              ]} />
              <div className="settings-actions">
                <button type="button" className="button" disabled={pruning === 'busy'} onClick={() => void pruneCache()} data-testid="about-prune-cache">{pruning === 'busy' ? t('about.pruning') : t('about.pruneCache')}</button>
                <button type="button" className="button" onClick={() => navStore.getState().go('history')}>{t('about.pruneBackups')}</button>
                {typeof pruning === 'object' ? <span className="notice notice-ok" role="status" data-testid="about-pruned">{t('about.pruned', { size: size(pruning.freed) })}</span> : null}
              </div>
            </Card>
            <Card title={t('about.licences')}>
              <details>
                <summary>{t('about.licenceCount', { count: about.value.licences.length })}</summary>
                <table className="licence-table" data-testid="about-licences">
                  <thead><tr><th>{t('about.package')}</th><th>{t('about.version')}</th><th>{t('about.licence')}</th></tr></thead>
                  <tbody>{about.value.licences.map((l) => <tr key={`${l.name}@${l.version}`}><td>{l.name}</td><td>{l.version}</td><td>{l.license}</td></tr>)}</tbody>
                </table>
              </details>
            </Card>
          </>
        )}
    </div>
  );
}
