import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, TorchSource } from '../../../shared/api/app-contract.js';
import type { ApiError } from '../../../shared/api/result.js';
import { PYPI_MIRRORS, TORCH_MIRRORS } from '../../../shared/sources/mirrors.js';
import { getApi } from '../../api/client.js';
import { Card } from '../../components/card.js';
import { ErrorPanel } from '../../components/error-panel.js';
import { Busy } from '../../components/status.js';
import { LANG_NAMES, LANGS } from '../../i18n/langs.js';
import { langStore, useLang } from '../../state/stores.js';
import { FolderField } from './folder-field.js';
import { useCall } from './use-call.js';
import './settings.css';

/** The Settings screen: language and download sources (torch wheels, PyPI, an offline folder, NVIDIA downloads). */
export function SettingsScreen(): ReactElement {
  const { t } = useTranslation('settings');
  const lang = useLang((s) => s.lang);
  const [loaded] = useCall(() => getApi().getSettings({ lang }), []);
  const [about] = useCall(() => getApi().about({ lang }), []);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved' | { error: ApiError }>('idle');
  useEffect(() => {
    if (loaded.kind === 'ok') setDraft(loaded.value);
  }, [loaded]);
  const update = (patch: Partial<Settings>): void => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setSaving('idle');
  };
  const save = async (): Promise<void> => {
    if (!draft) return;
    setSaving('saving');
    const r = await getApi().setSettings({ settings: draft, lang });
    if (!r.ok) return setSaving({ error: r.error });
    setDraft(r.value);
    setSaving('saved');
    if (r.value.lang && r.value.lang !== lang) langStore.getState().setLang(r.value.lang);
  };
  return (
    <div className="screen" data-testid="settings-screen">
      <header className="screen-header">
        <div>
          <h1>{t('settings.title')}</h1>
          <p className="muted">{t('settings.subtitle', { file: about.kind === 'ok' ? about.value.settingsFile : 'settings.json' })}</p>
        </div>
      </header>
      {loaded.kind === 'loading' || (loaded.kind === 'ok' && !draft) ? <Busy>{t('settings.folderBrowser.loading')}</Busy>
        : loaded.kind === 'error' ? <ErrorPanel title={t('settings.loadFailed')} error={loaded.error} />
        : draft ? (
          <form className="settings-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
            <Card title={t('settings.language.heading')}>
              <p className="muted small">{t('settings.language.hint')}</p>
              <select className="select" value={draft.lang ?? ''} onChange={(e) => update({ lang: e.target.value === '' ? null : (e.target.value as Settings['lang']) })} data-testid="settings-lang" aria-label={t('settings.language.heading')}>
                <option value="">{t('settings.language.system')}</option>
                {LANGS.map((l) => <option key={l} value={l} lang={l}>{LANG_NAMES[l]}</option>)}
              </select>
            </Card>
            <Card title={t('settings.sources.heading')}>
              <p className="muted small">{t('settings.sources.hint')}</p>
              <TorchSourceField value={draft.torchSource} onChange={(torchSource) => update({ torchSource })} />
              <PypiField value={draft.pypiMirror} onChange={(pypiMirror) => update({ pypiMirror })} />
              <fieldset className="settings-group">
                <legend className="field-label">{t('settings.sources.local')}</legend>
                <p className="muted small">{t('settings.sources.localHint')}</p>
                <FolderField label={t('settings.sources.local')} value={draft.localWheelDir} noneLabel={t('settings.sources.localNone')} onChange={(localWheelDir) => update({ localWheelDir })} testId="settings-wheel-dir" />
              </fieldset>
              <fieldset className="settings-group">
                <legend className="field-label">{t('settings.sources.nvidia')}</legend>
                <p className="muted small">{t('settings.sources.nvidiaHint')}</p>
                <input type="text" aria-label={t('settings.sources.nvidiaUrl')} placeholder="https://…" value={draft.nvidiaBaseUrl ?? ''} spellCheck={false}
                  onChange={(e) => update({ nvidiaBaseUrl: e.target.value.trim() === '' ? null : e.target.value })} data-testid="settings-nvidia" />
              </fieldset>
            </Card>
            {typeof saving === 'object' ? <ErrorPanel title={t('settings.saveFailed')} error={saving.error} /> : null}
            <div className="settings-actions">
              <button type="submit" className="button button-primary" disabled={saving === 'saving'} data-testid="settings-save">{saving === 'saving' ? t('settings.saving') : t('settings.save')}</button>
              {saving === 'saved' ? <span className="notice notice-ok" role="status" data-testid="settings-saved">{t('settings.saved')}</span> : null}
            </div>
          </form>
        ) : null}
    </div>
  );
}

function TorchSourceField(props: { value: TorchSource; onChange: (v: TorchSource) => void }): ReactElement {
  const { t } = useTranslation('settings');
  const v = props.value;
  const firstMirror = TORCH_MIRRORS[0]?.name ?? 'nju';
  return (
    <fieldset className="settings-group" data-testid="settings-torch">
      <legend className="field-label">{t('settings.sources.torch')}</legend>
      <label className="choice"><input type="radio" name="torch-source" checked={v.kind === 'official'} onChange={() => props.onChange({ kind: 'official' })} /><span>{t('settings.sources.official')}</span></label>
      <label className="choice">
        <input type="radio" name="torch-source" checked={v.kind === 'mirror'} onChange={() => props.onChange({ kind: 'mirror', mirror: firstMirror })} data-testid="settings-torch-mirror" />
        <span>{t('settings.sources.mirror')}</span>
      </label>
      {v.kind === 'mirror' ? (
        <select className="select choice-indent" value={v.mirror} onChange={(e) => props.onChange({ kind: 'mirror', mirror: e.target.value })} aria-label={t('settings.sources.mirror')} data-testid="settings-torch-mirror-select">
          {TORCH_MIRRORS.map((m) => <option key={m.name} value={m.name}>{t(`settings.mirrorNames.torch.${m.name}`, { defaultValue: m.label })}</option>)}
        </select>
      ) : null}
      <label className="choice">
        <input type="radio" name="torch-source" checked={v.kind === 'custom'} onChange={() => props.onChange({ kind: 'custom', url: '', style: 'index' })} data-testid="settings-torch-custom" />
        <span>{t('settings.sources.custom')}</span>
      </label>
      {v.kind === 'custom' ? (
        <div className="choice-indent">
          <input type="text" aria-label={t('settings.sources.customUrl')} placeholder="https://…/whl/{variant}" value={v.url} spellCheck={false}
            onChange={(e) => props.onChange({ ...v, url: e.target.value })} data-testid="settings-torch-url" />
          <select className="select" value={v.style} onChange={(e) => props.onChange({ ...v, style: e.target.value as 'index' | 'find-links' })} aria-label={t('settings.sources.customUrl')}>
            <option value="index">{t('settings.sources.style.index')}</option>
            <option value="find-links">{t('settings.sources.style.find-links')}</option>
          </select>
        </div>
      ) : null}
    </fieldset>
  );
}

function PypiField(props: { value: string | null; onChange: (v: string | null) => void }): ReactElement {
  const { t } = useTranslation('settings');
  const preset = PYPI_MIRRORS.find((m) => m.name === props.value);
  const [custom, setCustom] = useState(props.value !== null && !preset);
  const mode = props.value === null && !custom ? 'official' : preset && !custom ? 'preset' : 'custom';
  return (
    <fieldset className="settings-group" data-testid="settings-pypi">
      <legend className="field-label">{t('settings.sources.pypi')}</legend>
      <label className="choice"><input type="radio" name="pypi" checked={mode === 'official'} onChange={() => { setCustom(false); props.onChange(null); }} /><span>{t('settings.sources.pypiOfficial')}</span></label>
      <label className="choice">
        <input type="radio" name="pypi" checked={mode === 'preset'} onChange={() => { setCustom(false); props.onChange(PYPI_MIRRORS[0]?.name ?? null); }} data-testid="settings-pypi-mirror" />
        <span>{t('settings.sources.mirror')}</span>
      </label>
      {mode === 'preset' ? (
        <select className="select choice-indent" value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value)} aria-label={t('settings.sources.mirror')} data-testid="settings-pypi-select">
          {PYPI_MIRRORS.map((m) => <option key={m.name} value={m.name}>{t(`settings.mirrorNames.pypi.${m.name}`, { defaultValue: m.label })} — {m.url}</option>)}
        </select>
      ) : null}
      <label className="choice"><input type="radio" name="pypi" checked={mode === 'custom'} onChange={() => { setCustom(true); props.onChange(''); }} /><span>{t('settings.sources.pypiCustom')}</span></label>
      {mode === 'custom' ? (
        <input type="text" className="choice-indent" aria-label={t('settings.sources.pypiUrl')} placeholder="https://…/simple" value={props.value ?? ''} spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)} data-testid="settings-pypi-url" />
      ) : null}
    </fieldset>
  );
}
