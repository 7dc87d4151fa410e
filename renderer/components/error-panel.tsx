import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/result.js';
import { shownError } from '../i18n/shown.js';
import { ToneIcon } from './status.js';

/** An expected failure, in words: what happened and what to do, with a retry button when one helps. */
export function ErrorPanel(props: { title: string; error: ApiError; onRetry?: () => void }): ReactElement {
  const { t } = useTranslation();
  const e = shownError(t, props.error);
  const advice = e.code === 'network' ? t('scan.error.network') : e.code === 'unauthorized' || e.code === 'forbidden' ? t('scan.error.unauthorized') : e.fix;
  return (
    <section className="banner banner-error" role="alert" data-testid="error-panel">
      <h2 className="banner-title"><ToneIcon tone="error" />{props.title}</h2>
      <p>{e.message}</p>
      {advice ? <p>{advice}</p> : null}
      {props.onRetry ? <button type="button" className="button" onClick={props.onRetry}>{t('scan.error.retry')}</button> : null}
    </section>
  );
}
