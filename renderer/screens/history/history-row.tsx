import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { shown } from '../../i18n/shown.js';
import type { HistoryEntry } from '../../../shared/schemas/tx.js';
import { Busy, Facts, Pill, type Tone } from '../../components/status.js';
import { historyStore, useHistory } from '../../state/tx-stores.js';
import { fileName, formatTime } from '../dll-swap/tx-format.js';
import { useSize } from '../dll-swap/use-size.js';

const TONES: Record<HistoryEntry['status'], Tone> = { committed: 'ok', 'rolled-back': 'neutral', recovered: 'info', open: 'warn' };

/** One transaction: what, when, its state, files and backup; Roll back (after a confirm) when possible. */
export function HistoryRow(props: { entry: HistoryEntry }): ReactElement {
  const { t, i18n } = useTranslation('tx');
  const size = useSize();
  const e = props.entry;
  const running = useHistory((s) => s.running);
  const busy = running?.kind === 'rollback' && running.id === e.id;
  const goal = i18n.exists(`history.goals.${e.goal}`, { ns: 'tx' }) ? t(`history.goals.${e.goal}`) : e.goal;
  const rollbackWords = e.rollbackAvailable ? t('history.rollbackYes') : e.status === 'committed' && e.backupBytes === 0 ? t('history.rollbackPruned') : t('history.rollbackNo');
  return (
    <li className="card history-row" data-testid="history-row" data-id={e.id} data-status={e.status}>
      <header className="card-header">
        <h2 className="card-title">{shown(t, e.intent, e.intentMsg) || goal}</h2>
        <div className="card-aside"><Pill tone={TONES[e.status]}>{t(`history.status.${e.status}`)}</Pill></div>
      </header>
      <Facts className="facts-inline history-facts" rows={[
        [t('history.id'), <code key="id" data-testid="history-id">{e.id}</code>],
        [t('history.goal'), goal],
        [t('history.time'), formatTime(e.createdAt, i18n.language)],
        [t('history.backup'), size(e.backupBytes)],
        [t('history.rollbackAvailable'), rollbackWords],
      ]} />
      {e.app ? <p className="path">{e.app}</p> : null}
      {e.reason ? <p className="history-note"><strong>{t('history.reason')}:</strong> {shown(t, e.reason, e.reasonMsg)}</p> : null}
      {e.recoveryNote ? <p className="history-note"><strong>{t('history.recoveryNote')}:</strong> {shown(t, e.recoveryNote, e.recoveryNoteMsg)}</p> : null}
      <details className="history-files">
        <summary>{t('history.filesCount', { count: e.files.length })}</summary>
        <ul>{e.files.map((f) => <li key={f.target}><code title={f.target}>{f.label || fileName(f.target)}</code></li>)}</ul>
      </details>
      {e.rollbackAvailable ? <RollbackAction entry={e} busy={busy} disabled={running !== null} /> : null}
    </li>
  );
}

function RollbackAction(props: { entry: HistoryEntry; busy: boolean; disabled: boolean }): ReactElement {
  const { t } = useTranslation('tx');
  const [confirming, setConfirming] = useState(false);
  if (props.busy) return <div className="row-actions"><Busy>{t('history.rollingBack')}</Busy></div>;
  if (confirming) {
    return (
      <div className="confirm" role="group" aria-label={t('history.rollback')} data-testid="history-rollback-confirm">
        <span>{t('history.rollbackConfirm', { count: props.entry.files.length })}</span>
        <button type="button" className="button button-danger" onClick={() => { setConfirming(false); void historyStore.getState().rollback(props.entry.id); }} data-testid="history-rollback-yes">
          {t('history.rollbackYes2')}
        </button>
        <button type="button" className="button" onClick={() => setConfirming(false)}>{t('history.cancel')}</button>
      </div>
    );
  }
  return (
    <div className="row-actions">
      <button type="button" className="button" disabled={props.disabled} onClick={() => setConfirming(true)} data-testid="history-rollback">{t('history.rollback')}</button>
    </div>
  );
}
