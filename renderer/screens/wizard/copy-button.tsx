import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../api/clipboard.js';

/** "Copy" beside a command or line; says "Copied" (or that it could not) for a moment. */
export function CopyButton(props: { text: string; testId?: string }): ReactElement {
  const { t } = useTranslation('upgrade');
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async (): Promise<void> => {
    setState((await copyText(props.text)) ? 'copied' : 'failed');
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" className="button button-small copy-button" onClick={() => void copy()} data-testid={props.testId ?? 'copy'} aria-live="polite">
      {state === 'copied' ? t('copy.done') : state === 'failed' ? t('copy.failed') : t('copy.button')}
    </button>
  );
}

/** A command in a code block with a Copy button. */
export function CommandLine(props: { command: string; testId?: string }): ReactElement {
  return (
    <div className="command-line" data-testid={props.testId}>
      <pre className="command">{props.command}</pre>
      <CopyButton text={props.command} />
    </div>
  );
}
