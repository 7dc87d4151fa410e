import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { TORCH_MIRRORS } from '../../../shared/sources/mirrors.js';
import type { SourceKind, UpgradeChoice } from '../../../shared/wizard/torch-upgrade.js';
import { upgradeStore } from '../../state/tx-stores.js';

/** Where the wheels come from: the official index, a mirror preset, another index URL, or a local folder. */
export function SourceFields(props: { choice: UpgradeChoice; disabled: boolean }): ReactElement {
  const { t } = useTranslation('upgrade');
  const name = useId();
  const { choice } = props;
  const edit = (patch: Partial<UpgradeChoice>): void => upgradeStore.getState().edit({ ...patch, target: '' });
  const pick = (source: SourceKind): void => edit(source === 'mirror' && choice.mirror === '' ? { source, mirror: TORCH_MIRRORS[0]?.name ?? '' } : { source });
  const radio = (kind: SourceKind, label: string, hint?: string): ReactElement => (
    <label className="choice">
      <input type="radio" name={name} checked={choice.source === kind} onChange={() => pick(kind)} data-testid={`upgrade-source-${kind}`} />
      <span>{label}{hint ? <span className="choice-path">{hint}</span> : null}</span>
    </label>
  );
  return (
    <fieldset className="source-picker" data-testid="upgrade-source" disabled={props.disabled}>
      <legend className="field-label">{t('choose.source')}</legend>
      <p className="muted small">{t('choose.sourceHint')}</p>
      {radio('official', t('choose.official'), t('choose.officialHint'))}
      {radio('mirror', t('choose.mirror'), t('choose.mirrorHint'))}
      {choice.source === 'mirror' ? (
        <select className="select choice-input" aria-label={t('choose.mirrorPick')} value={choice.mirror} onChange={(e) => edit({ mirror: e.target.value })} data-testid="upgrade-mirror">
          {TORCH_MIRRORS.map((m) => <option key={m.name} value={m.name}>{m.label}</option>)}
        </select>
      ) : null}
      {radio('url', t('choose.url'))}
      {choice.source === 'url' ? (
        <input type="url" className="choice-input" aria-label={t('choose.urlLabel')} placeholder={t('choose.urlPlaceholder')} value={choice.url}
          onChange={(e) => edit({ url: e.target.value })} spellCheck={false} data-testid="upgrade-url" />
      ) : null}
      {radio('local', t('choose.local'))}
      {choice.source === 'local' ? (
        <input type="text" className="choice-input" aria-label={t('choose.localLabel')} placeholder={t('choose.localPlaceholder')} value={choice.folder}
          onChange={(e) => edit({ folder: e.target.value })} spellCheck={false} data-testid="upgrade-folder" />
      ) : null}
    </fieldset>
  );
}
