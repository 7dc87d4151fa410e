import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../shared/schemas/tx.js';
import { Busy } from '../../components/status.js';
import { historyStore, useHistory } from '../../state/tx-stores.js';
import { prunableBytes } from '../../state/tx-history-store.js';
import { useSize } from '../dll-swap/use-size.js';

/** How much the backups take, and "Prune backups (frees …)" behind a confirm. */
export function PrunePanel(props: { entries: HistoryEntry[] }): ReactElement {
  const { t } = useTranslation('tx');
  const size = useSize();
  const running = useHistory((s) => s.running);
  const [confirming, setConfirming] = useState(false);
  const bytes = prunableBytes(props.entries);
  const frees = size(bytes);
  return (
    <section className="card prune-panel" aria-labelledby="prune-heading" data-testid="prune-panel">
      <h2 id="prune-heading" className="card-title">{t('history.prune.heading')}</h2>
      <p>{bytes > 0 ? t('history.prune.size', { size: frees }) : t('history.prune.nothing')}</p>
      {running?.kind === 'prune' ? <Busy>{t('history.prune.running')}</Busy>
        : confirming ? (
          <div className="confirm" role="group" aria-label={t('history.prune.heading')} data-testid="prune-confirm">
            <span>{t('history.prune.confirm', { size: frees })}</span>
            <button type="button" className="button button-danger" onClick={() => { setConfirming(false); void historyStore.getState().prune(); }} data-testid="prune-yes">{t('history.prune.yes')}</button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>{t('history.cancel')}</button>
          </div>
        ) : bytes === 0 ? null : (
          <button type="button" className="button" disabled={running !== null} onClick={() => setConfirming(true)} data-testid="prune">
            {t('history.prune.button', { size: frees })}
          </button>
        )}
    </section>
  );
}
