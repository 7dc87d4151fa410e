import type { ReactElement, ReactNode } from 'react';
import type { Severity } from '../../shared/schemas/finding.js';
import { ErrorIcon, InfoIcon, OkIcon, WarningIcon } from './icons.js';

/** The meaning a status colour carries; always shown with an icon and words, never colour alone. */
export type Tone = 'ok' | 'warn' | 'error' | 'info' | 'neutral';

const ICONS: Record<Tone, ReactElement | null> = {
  ok: <OkIcon />,
  warn: <WarningIcon />,
  error: <ErrorIcon />,
  info: <InfoIcon />,
  neutral: null,
};

/** A small rounded label with an icon and text. */
export function Pill(props: { tone: Tone; children: ReactNode; title?: string }): ReactElement {
  return (
    <span className={`pill pill-${props.tone}`} title={props.title}>
      {ICONS[props.tone]}
      <span>{props.children}</span>
    </span>
  );
}

/** A tone's icon in its colour, beside a text that says the same. */
export function ToneIcon(props: { tone: Tone }): ReactElement {
  return <span className={`severity-icon tone-${props.tone}`}>{ICONS[props.tone]}</span>;
}

/** The tone for a finding's severity. */
export const severityTone = (s: Severity): Tone => (s === 'error' ? 'error' : s === 'warning' ? 'warn' : 'info');

/** A severity icon alone (its text label sits beside it). */
export function SeverityIcon(props: { severity: Severity }): ReactElement {
  const tone = severityTone(props.severity);
  return <span className={`severity-icon tone-${tone}`}>{ICONS[tone]}</span>;
}

/** A spinner with a visible label, for work in progress. */
export function Busy(props: { children: ReactNode }): ReactElement {
  return (
    <span className="busy">
      <span className="spinner" aria-hidden="true" />
      <span>{props.children}</span>
    </span>
  );
}

/** Grey placeholder bars shown while a card loads. */
export function Skeleton(props: { lines?: number }): ReactElement {
  return (
    <div className="skeleton" aria-hidden="true">
      {Array.from({ length: props.lines ?? 3 }, (_, i) => (
        <div key={i} className="skeleton-line" style={{ width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

/** A definition list of label → value rows. */
export function Facts(props: { rows: [label: ReactNode, value: ReactNode, key?: string][]; className?: string }): ReactElement {
  return (
    <dl className={`facts ${props.className ?? ''}`}>
      {props.rows.map(([label, value, key], i) => (
        <div className="fact" key={key ?? i} data-fact={key}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
