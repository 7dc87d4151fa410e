import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../api/clipboard.js';
import { CopyIcon } from './icons.js';

/**
 * One command as TorchLift built it (the install's own interpreter, quoted for its shell) with a copy button; when
 * the clipboard refuses, the command stays selectable in the box.
 */
export function CommandCopy(props: { command: string; label?: string }): ReactElement {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async (): Promise<void> => setState((await copyText(props.command)) ? 'done' : 'failed');
  return (
    <div className="command-copy" data-testid="command">
      <pre className="command" aria-label={props.label ?? t('diagnosis.command.label')}>{props.command}</pre>
      <button type="button" className="button button-small" onClick={() => void copy()} data-testid="copy-command" aria-label={t('diagnosis.command.copy')}>
        <CopyIcon /> {t('diagnosis.command.copy')}
      </button>
      <span className="small muted" role="status">{state === 'done' ? t('diagnosis.command.copied') : state === 'failed' ? t('diagnosis.command.failed') : ''}</span>
    </div>
  );
}
