import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectReport } from '../../../shared/schemas/detect.js';
import { copyText } from '../../api/clipboard.js';
import { CopyIcon } from '../../components/icons.js';
import { buildMarkdownReport } from '../../format/markdown-report.js';

/** "Copy report": the scan as Markdown for a forum post; when the clipboard refuses, the text is shown to copy by hand. */
export function CopyReportButton(props: { report: DetectReport }): ReactElement {
  const { t } = useTranslation();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'done' } | { kind: 'failed'; text: string }>({ kind: 'idle' });
  const copy = async (): Promise<void> => {
    const text = buildMarkdownReport(props.report, (key, opts) => t(key, opts ?? {}));
    setState((await copyText(text)) ? { kind: 'done' } : { kind: 'failed', text });
  };
  return (
    <div className="copy-report">
      <button type="button" className="button" onClick={() => void copy()} data-testid="copy-report">
        <CopyIcon /> {t('diagnosis.copy.button')}
      </button>
      <span role="status" aria-live="polite" className="small muted">
        {state.kind === 'done' ? t('diagnosis.copy.done') : state.kind === 'failed' ? t('diagnosis.copy.failed') : ''}
      </span>
      {state.kind === 'failed' ? (
        <textarea className="manual-copy" readOnly value={state.text} aria-label={t('diagnosis.copy.manualLabel')} rows={10} />
      ) : null}
    </div>
  );
}
