import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { shown } from '../../i18n/shown.js';
import type { Refusal } from '../../../shared/schemas/tx.js';
import { ToneIcon } from '../../components/status.js';

/** Refusals with a short title per code, the engine's reason and how to fix it. */
export function RefusalList(props: { title: string; refusals: Refusal[] }): ReactElement {
  const { t, i18n } = useTranslation('tx');
  const titleOf = (code: string): string =>
    i18n.exists(`wizard.review.refusalTitles.${code}`, { ns: 'tx' }) ? t(`wizard.review.refusalTitles.${code}`) : t('wizard.review.refusalTitles.other');
  return (
    <section className="banner banner-error refusals" role="alert" data-testid="refusals">
      <h3 className="banner-title"><ToneIcon tone="error" />{props.title}</h3>
      <ul className="refusal-list">
        {props.refusals.map((r, i) => (
          <li key={`${r.code}-${i}`} className="refusal" data-testid="refusal" data-code={r.code}>
            <strong>{titleOf(r.code)}</strong>
            <p className="refusal-message">{shown(t, r.message, r.messageMsg)}</p>
            <p className="refusal-fix"><span className="muted">{t('wizard.review.fix')}:</span> {shown(t, r.fix, r.fixMsg)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
