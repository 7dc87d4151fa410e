import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanPackage } from '../../../shared/schemas/torch-upgrade.js';
import { Pill } from '../../components/status.js';
import { useSize } from '../dll-swap/use-size.js';

/** Every distribution the plan changes: name, old → new, download size (or "in cache"); packages outside torch marked. */
export function PackageTable(props: { packages: PlanPackage[] }): ReactElement {
  const { t } = useTranslation('upgrade');
  const size = useSize();
  const shown = props.packages.filter((p) => p.action !== 'keep');
  const download = (p: PlanPackage): ReactElement | string =>
    p.action === 'remove' ? '—' : p.cached ? <Pill tone="ok">{t('review.cached')}</Pill> : p.bytes === null ? t('review.unknownSize') : size(p.bytes);
  return (
    <div className="table-wrap">
      <table className="file-table package-table" data-testid="upgrade-packages">
        <caption className="subheading">{t('review.packages', { count: shown.length })}</caption>
        <thead>
          <tr><th scope="col">{t('review.package')}</th><th scope="col">{t('review.now')}</th><th scope="col" aria-hidden="true" /><th scope="col">{t('review.after')}</th><th scope="col" className="num">{t('review.size')}</th></tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.name} className={p.family ? undefined : 'package-outside'} data-testid="upgrade-package" data-family={String(p.family)} data-cached={String(p.cached)}>
              <td>
                <code>{p.name}</code>
                {!p.family ? <> <Pill tone="warn" title={t('review.outsideHint')}>{t('review.outside')}</Pill></> : null}
              </td>
              <td><span className="version">{p.from ?? '—'}</span></td>
              <td className="arrow" aria-hidden="true">→</td>
              <td>{p.action === 'remove' ? <span className="muted">{t('review.removed')}</span> : <strong className="version">{p.to ?? '—'}</strong>}</td>
              <td className="num">{download(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
