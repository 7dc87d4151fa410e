import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobDownload } from '../../../shared/schemas/tx.js';
import { durationParts } from '../dll-swap/tx-format.js';
import { useSize } from '../dll-swap/use-size.js';

/** One progress bar per wheel: bytes done of total, speed and time left; cached wheels say so. */
export function DownloadList(props: { downloads: JobDownload[] }): ReactElement {
  const { t } = useTranslation('upgrade');
  const size = useSize();
  const eta = (seconds: number | null): string => {
    if (seconds === null) return t('run.etaUnknown');
    const { h, m, s } = durationParts(seconds);
    const time = h > 0 ? t('run.time.h', { h, m: String(m).padStart(2, '0') }) : m > 0 ? t('run.time.m', { m, s: String(s).padStart(2, '0') }) : t('run.time.s', { s });
    return t('run.eta', { time });
  };
  if (props.downloads.length === 0) return <p className="muted">{t('run.noDownloads')}</p>;
  return (
    <ul className="run-files downloads" data-testid="upgrade-downloads">
      {props.downloads.map((d) => {
        const total = d.bytes ?? Math.max(d.doneBytes, 1);
        const done = d.state === 'cached' || d.state === 'done' ? total : Math.min(d.doneBytes, total);
        return (
          <li key={d.url || d.name} className={`download download-${d.state}`} data-testid="upgrade-download-row" data-state={d.state}>
            <div className="download-head">
              <code className="download-name" title={d.url}>{d.name}</code>
              <span className="run-file-state">{t(`run.state.${d.state}`)}</span>
            </div>
            <progress className="progress progress-small" max={Math.max(total, 1)} value={done} aria-label={d.name} />
            <div className="download-facts muted small" data-testid="download-facts">
              <span>{t('run.bytes', { done: size(done), total: d.bytes === null ? '?' : size(d.bytes) })}</span>
              {d.state === 'downloading' ? <><span>{t('run.speed', { speed: size(d.speed) })}</span><span>{eta(d.etaSeconds)}</span></> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
