import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Toolkit } from '../../../shared/schemas/detect.js';
import { Card } from '../../components/card.js';
import { Facts, Pill } from '../../components/status.js';

/** The CUDA toolkits on disk (only for compiling), each with its nvcc and cuDNN. */
export function ToolkitsCard(props: { toolkits: Toolkit[] }): ReactElement {
  const { t, i18n } = useTranslation();
  // Joined as the language joins a list ("a, b"; "a、b" in Japanese and Chinese), like the install card.
  const list = (items: string[]): string => new Intl.ListFormat(i18n.language, { type: 'conjunction', style: 'narrow' }).format(items);
  return (
    <Card title={t('scan.toolkits.heading')} testId="toolkits-card">
      {props.toolkits.length === 0 ? <p className="muted">{t('scan.toolkits.none')}</p> : null}
      <ul className="plain-list">
        {props.toolkits.map((kit) => (
          <li key={kit.path} className="toolkit">
            <div className="toolkit-head">
              <strong>CUDA {kit.version}</strong>
              {kit.fullVersion ? <span className="muted small">{kit.fullVersion}</span> : null}
            </div>
            <p className="path" title={kit.path}>{kit.path}</p>
            <Facts
              className="facts-inline"
              rows={[
                [t('scan.toolkits.nvcc'), kit.nvcc ? <Pill tone="ok">{t('common.yes')}</Pill> : <Pill tone="neutral">{t('common.no')}</Pill>],
                [t('scan.toolkits.cudnn'), kit.cudnn ? kit.cudnn.version : t('common.none')],
              ]}
            />
            {kit.foundBy && kit.foundBy.length > 0 ? <p className="muted small found-by">{t('scan.toolkits.foundByList', { list: list(kit.foundBy.map((f) => (f === 'default-location' ? t('scan.toolkits.defaultLocation') : f))) })}</p> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
