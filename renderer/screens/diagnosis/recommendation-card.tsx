import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandCopy } from '../../components/command-copy.js';
import { Facts, Pill } from '../../components/status.js';
import { reasonKey, type AppBoundsView, type NoteView, type RecommendationView, type TargetView } from '../../format/recommendation.js';
import { renderMsg } from '../../../shared/i18n/message.js';

/** The engine's recommended torch stack for one install, with the alternatives and what it ruled out (and why). */
export function RecommendationCard(props: { rec: RecommendationView; action?: ReactNode }): ReactElement {
  const { t } = useTranslation();
  const { rec } = props;
  return (
    <div className="recommendation" data-testid="recommendation">
      <h3 className="recommendation-title">{t('diagnosis.recommendation.heading')}</h3>
      <p>{t(`diagnosis.recommendation.status.${rec.status}`, { context: rec.status === 'ok' && rec.notes.some((n) => n.code === 'already-installed') ? 'installed' : undefined })}</p>
      {rec.driverUpgrade ? (
        <p className="notice notice-warn">
          {t('diagnosis.recommendation.driverUpgrade', { minDriver: rec.driverUpgrade.minDriver, cuda: rec.driverUpgrade.cuda ?? '?', torch: rec.driverUpgrade.torch ?? '?' })}
        </p>
      ) : null}
      {rec.unconfirmed ? <p><span className="badge badge-unconfirmed">{t('diagnosis.unconfirmed')}</span> <span className="small muted">{t('diagnosis.unconfirmedHint')}</span></p> : null}
      {rec.driverUpgrade || [rec.best, ...rec.alternatives].some((x) => x?.driverFit === 'minor-compat') ? (
        <p className="small muted" data-testid="driver-fit-note">{t('diagnosis.recommendation.driverFitNote')}</p>
      ) : null}
      {rec.best ? <TargetBlock target={rec.best} label={t('diagnosis.recommendation.best')} primary /> : rec.status === 'no-nvidia-gpu' ? null : <p className="muted">{t('diagnosis.recommendation.none')}</p>}
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
      {rec.appBounds ? <AppBoundsBlock bounds={rec.appBounds} /> : null}
    </div>
  );
}

/** The app's torch range and its own tested build, each with the source it comes from. */
function AppBoundsBlock(props: { bounds: AppBoundsView }): ReactElement {
  const { t } = useTranslation();
  const b = props.bounds;
  const src = (source: string, confirmed: boolean): ReactNode => (
    <span className="small muted">
      {' '}({t('diagnosis.recommendation.bounds.source')}: {/^https?:\/\//.test(source) ? <a href={source} target="_blank" rel="noreferrer">{source}</a> : source}
      {confirmed ? '' : ` — ${t('diagnosis.recommendation.bounds.unconfirmed')}`})
    </span>
  );
  return (
    <details className="app-bounds" data-testid="app-bounds">
      <summary>{t('diagnosis.recommendation.bounds.heading', { app: t(`scan.kinds.${b.app}`, { defaultValue: b.app }) })}</summary>
      <ul className="small">
        <li>{t('diagnosis.recommendation.bounds.min')}: {b.min ? <><code>{b.min.torch}</code>{src(b.min.source, b.min.confirmed)}</> : '—'}</li>
        <li>{t('diagnosis.recommendation.bounds.max')}: {b.max ? <><code>{b.max.torch}.x</code>{src(b.max.source, b.max.confirmed)}</> : t('diagnosis.recommendation.bounds.noMax')}</li>
        {b.tested ? (
          <li>
            {t('diagnosis.recommendation.bounds.tested')}: <code>torch {b.tested.torch} ({b.tested.cudaTags.join(', ')}){b.tested.xformers ? ` + xformers ${b.tested.xformers}` : ''}</code>
            {src(b.tested.source, b.tested.confirmed)}
          </li>
        ) : null}
      </ul>
    </details>
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
        {x.testedByApp ? <Pill tone="ok">{t('diagnosis.recommendation.testedByApp')}</Pill> : null}
        {x.unconfirmed ? <span className="badge badge-unconfirmed">{t('diagnosis.unconfirmed')}</span> : null}
      </div>
      {x.unconfirmed ? (
        <details className="unconfirmed-why small" data-testid="unconfirmed-why">
          <summary>{t('diagnosis.recommendation.unconfirmedWhy.heading')}</summary>
          <p className="muted">{t('diagnosis.recommendation.unconfirmedWhy.intro')}</p>
          <ul>{x.unconfirmedWhy.map((m, i) => <li key={i}>{renderMsg(t, m)}</li>)}</ul>
        </details>
      ) : null}
      <Facts
        className="facts-inline"
        rows={[
          [t('diagnosis.recommendation.torchvision'), x.torchvision ? <span className="version">{x.torchvision}</span> : '—'],
          [t('diagnosis.recommendation.xformers'), x.xformers ? <span className="version">{x.xformers}</span> : <Pill tone="neutral">{t('diagnosis.recommendation.noXformers')}</Pill>],
          [t('diagnosis.recommendation.cuda'), x.cudaTag ?? '—'],
        ]}
      />
      {x.driverFit === 'minor-compat' || x.driverFit === 'native' ? (
        <Facts
          className="facts-inline small"
          rows={[
            [t('diagnosis.recommendation.worksWith'), <span key="w" data-testid="driver-fit" data-fit={x.driverFit}>{t(x.driverFit === 'native' ? 'diagnosis.recommendation.worksNative' : 'diagnosis.recommendation.worksMinor')}</span>],
            [t('diagnosis.recommendation.recommendedDriver'), x.recommendedDriver ? <span className="version">≥ {x.recommendedDriver}{x.cuda ? ` (CUDA ${x.cuda})` : ''}</span> : '—'],
          ]}
        />
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
