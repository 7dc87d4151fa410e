import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/result.js';
import { getApi } from '../../api/client.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Busy } from '../../components/status.js';
import { useLang } from '../../state/stores.js';

/**
 * A folder chosen with a picker, never typed: the system dialog where the host has one (Electron), otherwise the
 * folder browser the host serves (list of sub-folders only).
 */
export function FolderField(props: { label: string; value: string | null; noneLabel: string; onChange: (path: string | null) => void; testId: string }): ReactElement {
  const { t } = useTranslation('settings');
  const lang = useLang((s) => s.lang);
  const [browsing, setBrowsing] = useState(false);
  const browse = async (): Promise<void> => {
    const r = await getApi().pickFolder({ title: props.label, defaultPath: props.value ?? undefined, lang });
    if (r.ok && r.value.supported) {
      if (r.value.path) props.onChange(r.value.path);
      return;
    }
    setBrowsing(true);
  };
  return (
    <div className="folder-field" data-testid={props.testId}>
      <div className="field-row">
        <span className={`folder-value ${props.value ? '' : 'muted'}`} data-testid={`${props.testId}-value`}>{props.value ?? props.noneLabel}</span>
        <button type="button" className="button" onClick={() => void browse()} data-testid={`${props.testId}-browse`}>{t('settings.browse')}</button>
        {props.value ? <button type="button" className="button" onClick={() => props.onChange(null)}>{t('settings.clear')}</button> : null}
      </div>
      {browsing ? (
        <FolderBrowser
          start={props.value}
          onCancel={() => setBrowsing(false)}
          onChoose={(p) => { setBrowsing(false); props.onChange(p); }}
        />
      ) : null}
    </div>
  );
}

type Listing = { path: string | null; parent: string | null; folders: Array<{ name: string; path: string }> };

/** Browses folders through the host (listFolders): the places first, then one folder's sub-folders. */
export function FolderBrowser(props: { start: string | null; onChoose: (path: string) => void; onCancel: () => void }): ReactElement {
  const { t } = useTranslation('settings');
  const lang = useLang((s) => s.lang);
  const [at, setAt] = useState<string | null>(props.start);
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'ok'; listing: Listing } | { kind: 'error'; error: ApiError }>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    void getApi().listFolders({ path: at ?? undefined, lang }).then((r) => {
      if (live) setState(r.ok ? { kind: 'ok', listing: r.value } : { kind: 'error', error: r.error });
    });
    return () => void (live = false);
  }, [at, lang]);
  const listing = state.kind === 'ok' ? state.listing : null;
  return (
    <div className="folder-browser" role="dialog" aria-label={t('settings.folderBrowser.title')} data-testid="folder-browser">
      <header className="folder-browser-header">
        <strong>{t('settings.folderBrowser.title')}</strong>
        <button type="button" className="button" onClick={() => setAt(null)}>{t('settings.folderBrowser.places')}</button>
        <button type="button" className="button" disabled={!listing?.path} onClick={() => setAt(listing?.parent ?? null)} data-testid="folder-up">{t('settings.folderBrowser.up')}</button>
      </header>
      {listing?.path ? <p className="path" data-testid="folder-current"><span className="muted">{t('settings.folderBrowser.current')}: </span>{listing.path}</p> : null}
      {state.kind === 'loading' ? <Busy>{t('settings.folderBrowser.loading')}</Busy>
        : state.kind === 'error' ? <ErrorPanel title={t('settings.folderBrowser.title')} error={state.error} onRetry={() => setAt(props.start === at ? null : at)} />
        : state.listing.folders.length === 0 ? <p className="muted">{t('settings.folderBrowser.empty')}</p>
        : (
          <ul className="folder-list">
            {state.listing.folders.map((f) => (
              <li key={f.path}><button type="button" className="folder-entry" onClick={() => setAt(f.path)} data-testid="folder-entry">{f.name}</button></li>
            ))}
          </ul>
        )}
      <footer className="folder-browser-footer">
        <button type="button" className="button" onClick={props.onCancel}>{t('settings.folderBrowser.cancel')}</button>
        <button type="button" className="button button-primary" disabled={!listing?.path} onClick={() => listing?.path && props.onChoose(listing.path)} data-testid="folder-choose">{t('settings.folderBrowser.choose')}</button>
      </footer>
    </div>
  );
}
