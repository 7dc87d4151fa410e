import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { shownError } from '../../i18n/shown.js';
import { scanStore, useScan } from '../../state/stores.js';

/** A text box for an install folder TorchLift did not find by itself; bad paths are explained, nothing changes. */
export function AddInstallForm(): ReactElement {
  const { t } = useTranslation();
  const [folder, setFolder] = useState('');
  const adding = useScan((s) => s.adding);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (await scanStore.getState().addInstall(folder)) setFolder('');
  };
  const error = adding.error ? shownError(t, adding.error) : adding.error;
  return (
    <form className="add-install" onSubmit={(e) => void submit(e)} data-testid="add-install">
      <label htmlFor="add-install-path" className="field-label">{t('scan.add.label')}</label>
      <div className="field-row">
        <input
          id="add-install-path"
          type="text"
          value={folder}
          placeholder={t('scan.add.placeholder')}
          onChange={(e) => setFolder(e.target.value)}
          aria-describedby="add-install-help"
          aria-invalid={error ? true : undefined}
          spellCheck={false}
        />
        <button type="submit" className="button" disabled={adding.busy}>{adding.busy ? t('scan.add.busy') : t('scan.add.button')}</button>
      </div>
      <p id="add-install-help" className="muted small">{t('scan.add.help')}</p>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error.code === 'empty' ? t('scan.add.empty') : error.message}
          {error.fix ? <><br />{error.fix}</> : null}
        </p>
      ) : null}
    </form>
  );
}
