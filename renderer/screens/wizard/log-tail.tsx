import { useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { localLogLine } from '../dll-swap/tx-format.js';

/**
 * A job's live log: the newest lines at the bottom, scrolled there as lines arrive unless the user scrolled up to read.
 * Timestamps are shown in local time.
 */
export function LogTail(props: { lines: readonly string[]; label: string; testId?: string }): ReactElement {
  const { i18n } = useTranslation();
  const box = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [props.lines.length]);
  const onScroll = (): void => {
    const el = box.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };
  return (
    <pre ref={box} className="log-text log-tail" aria-label={props.label} aria-live="off" tabIndex={0} onScroll={onScroll} data-testid={props.testId ?? 'log-tail'}>
      {props.lines.map((l) => localLogLine(l, i18n.language)).join('\n')}
    </pre>
  );
}
