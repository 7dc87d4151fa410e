import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandCopy } from '../../components/command-copy.js';
import { Facts, Pill } from '../../components/status.js';
import { reasonKey, type NoteView, type RecommendationView, type TargetView } from '../../format/recommendation.js';

/** The engine's recommended torch stack for one install, with the alternatives and what it ruled out (and why). */
export function RecommendationCard(props: { rec: RecommendationView; action?: ReactNode }): ReactElement {
  const { t } = useTranslation();
  const { rec } = props;
  return (
    <div className="recommendation" data-testid="recommendation">
      <h3 className="recommendation-title">{t('diagnosis.recommendation.heading')}</h3>
      <p>{t(`diagnosis.recommendation.status.${rec.status}`)}</p>
      {rec.driverUpgrade ? (
        <p className="notice notice-warn">
          {t('diagnosis.recommendation.driverUpgrade', { minDriver: rec.driverUpgrade.minDriver, cuda: rec.driverUpgrade.cuda ?? '?', torch: rec.driverUpgrade.torch ?? '?' })}
        </p>
      ) : null}
      {rec.unconfirmed ? <p><span className="badge badge-unconfirmed">{t('diagnosis.unconfirmed')}</span> <span className="small muted">{t('diagnosis.unconfirmedHint')}</span></p> : null}
      {rec.driverUpgrade || [rec.best, ...rec.alternatives].some((x) => x?.driverFit === 'minor-compat') ? (
        <p className="small muted" data-testid="driver-fit-note">{t('diagnosis.recommendation.driverFitNote')}</p>
      ) : null}
      {rec.best ? <TargetBlock target={rec.best} label={t('diagnosis.recommendation.best')} primary /> : <p className="muted">{t('diagnosis.recommendation.none')}</p>}
      {rec.best && props.action ? <div className="recommendation-action">{props.action}</div> : null}
      {rec.alternatives.length > 0 ? (
        <details>
          <summary>{t('diagnosis.recommendation.alternatives')} ({rec.alternatives.length})</summary>
          {rec.alternatives.map((a, i) => <TargetBlock key={i} target={a} label={`${i + 1}.`} />)}
        </details>
      ) : null}
      {rec.rejected.length > 0 ? (
        <details>
          <summary>{t('diagnosis.recommendation.rejected')} ({rec.rejected.length})</summary>
          <ul className="rejected">
            {rec.rejected.map((r, i) => <li key={i}><code>{r.target}</code> — {reasonText(r, r.reason, t)}</li>)}
          </ul>
        </details>
      ) : null}
      {rec.notes.length > 0 ? <ul className="rec-notes muted small" data-testid="rec-notes">{rec.notes.map((n: NoteView, i) => <li key={i} data-code={n.code ?? undefined}>{reasonText(n, n.text, t)}</li>)}</ul> : null}
    </div>
  );
}

/** A rejection or note in the user's language when the UI knows its code, else the engine's English. */
function reasonText(r: { code: string | null; params: Record<string, string> }, english: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  const key = reasonKey(r);
  if (!key) return english;
  const app = key.params.app;
  const named = app ? { app: t(`scan.kinds.${app}`, { defaultValue: app }) } : {};
  return t(key.key, { ...key.params, ...named, ...(key.context ? { context: key.context } : {}) });
}

function TargetBlock(props: { target: TargetView; label: string; primary?: boolean }): ReactElement {
  const { t } = useTranslation();
  const x = props.target;
  return (
    <div className={`target ${props.primary ? 'target-primary' : ''}`}>
      <div className="target-head">
        <strong>{props.label}</strong>
        <code className="version">torch {x.torch}</code>
        {x.unconfirmed ? <span className="badge badge-unconfirmed">{t('diagnosis.unconfirmed')}</span> : null}
      </div>
      <Facts
        className="facts-inline"
        rows={[
          [t('diagnosis.recommendation.torchvision'), x.torchvision ? <span className="version">{x.torchvision}</span> : '—'],
          [t('diagnosis.recommendation.xformers'), x.xformers ? <span className="version">{x.xformers}</span> : <Pill tone="neutral">{t('diagnosis.recommendation.noXformers')}</Pill>],
          [t('diagnosis.recommendation.cuda'), x.cudaTag ?? '—'],
        ]}
      />
      {x.driverFit === 'minor-compat' ? (
        <p className="small" data-testid="driver-fit">{t('diagnosis.recommendation.minorCompat', { driver: x.recommendedDriver ?? '?' })}</p>
      ) : null}
      {x.command ? (
        <CommandCopy command={x.command} label={t('diagnosis.recommendation.pip')} />
      ) : x.pipCommand && x.pipCommand.length > 0 ? (
        <CommandCopy command={`<${t('diagnosis.command.appPython')}> -m pip ${x.pipCommand.join(' ')}`} label={t('diagnosis.recommendation.pip')} />
      ) : x.indexUrl ? (
        <p className="small muted">{t('diagnosis.recommendation.indexUrl')}: <code>{x.indexUrl}</code></p>
      ) : null}
    </div>
  );
}
