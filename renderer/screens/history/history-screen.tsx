import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../components/error-panel.js';
import { RefreshIcon } from '../../components/icons.js';
import { shownList } from '../../i18n/plan-shown.js';
import { Busy, ToneIcon } from '../../components/status.js';
import type { HistoryNotice } from '../../state/tx-history-store.js';
import { useLang } from '../../state/stores.js';
import { historyStore, useHistory } from '../../state/tx-stores.js';
import { RefusalList } from '../dll-swap/refusal-list.js';
import { useSize } from '../dll-swap/use-size.js';
import { HistoryRow } from './history-row.js';
import { PrunePanel } from './prune-panel.js';

/** The History screen: every transaction with Rollback, Prune backups, and start-up recovery notes. */
export function HistoryScreen(): ReactElement {
  const { t } = useTranslation('tx');
  const phase = useHistory((s) => s.phase);
  const notes = useHistory((s) => s.recoveryNotes);
  const noteMsgs = useHistory((s) => s.recoveryNoteMsgs);
  const notice = useHistory((s) => s.notice);
  const lang = useLang((s) => s.lang);
  // Titles and reasons arrive in the UI language: ask again when it changes.
  useEffect(() => void historyStore.getState().load(), [lang]);
  return (
    <div className="screen" data-testid="history-screen" data-phase={phase.kind}>
      <header className="screen-header">
        <div>
          <h1>{t('history.title')}</h1>
          <p className="muted">{t('history.subtitle')}</p>
        </div>
        <button type="button" className="button" onClick={() => void historyStore.getState().load()} data-testid="history-refresh"><RefreshIcon />{t('history.refresh')}</button>
      </header>
      {notes.length > 0 ? (
        <div className="notice notice-warn" role="status" data-testid="recovery-notes">
          <strong>{t('history.recoveryTitle')}</strong>
          <ul>{shownList(t, notes, noteMsgs).map((n, i) => <li key={i}>{n}</li>)}</ul>
        </div>
      ) : null}
      {notice ? <Notice notice={notice} /> : null}
      {phase.kind === 'loading' || phase.kind === 'idle' ? <Busy>{t('history.loading')}</Busy>
        : phase.kind === 'error' ? <ErrorPanel title={t('history.loadFailed')} error={phase.error} onRetry={() => void historyStore.getState().load()} />
        : (
          <>
            <PrunePanel entries={phase.entries} />
            {phase.entries.length === 0 ? <p className="empty-state">{t('history.empty')}</p>
              : <ul className="plain-list history-list">{phase.entries.map((e) => <HistoryRow key={e.id} entry={e} />)}</ul>}
          </>
        )}
    </div>
  );
}

function Notice(props: { notice: HistoryNotice }): ReactElement {
  const { t } = useTranslation('tx');
  const size = useSize();
  const n = props.notice;
  if (n.kind === 'refused') return <RefusalList title={t('history.rollbackRefused', { id: n.id })} refusals={n.refusals} />;
  if (n.kind === 'error') return <ErrorPanel title={t('history.actionFailed')} error={n.error} />;
  const text = n.kind === 'rolled-back' ? t('history.rolledBack', { id: n.id, count: n.files }) : t('history.prune.done', { count: n.count, size: size(n.freedBytes) });
  return <p className="notice notice-ok" role="status" data-testid="history-notice"><ToneIcon tone="ok" /> {text}</p>;
}
