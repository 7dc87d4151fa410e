import type { ReactElement } from 'react';

type IconProps = { className?: string };

const svg = (path: ReactElement, className?: string): ReactElement => (
  <svg className={`icon ${className ?? ''}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
    {path}
  </svg>
);

/** A filled circle with a cross: errors. */
export const ErrorIcon = ({ className }: IconProps): ReactElement =>
  svg(<path fill="currentColor" d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm2.6 3.3L8 6.9 5.4 4.3 4.3 5.4 6.9 8l-2.6 2.6 1.1 1.1L8 9.1l2.6 2.6 1.1-1.1L9.1 8l2.6-2.6-1.1-1.1Z" />, className);

/** A triangle with an exclamation mark: warnings. */
export const WarningIcon = ({ className }: IconProps): ReactElement =>
  svg(<path fill="currentColor" d="M8.9 1.6a1 1 0 0 0-1.8 0L.6 13.5a1 1 0 0 0 .9 1.5h13a1 1 0 0 0 .9-1.5L8.9 1.6ZM7.2 5.5h1.6l-.2 4.8H7.4l-.2-4.8Zm.8 6.1a1 1 0 1 1 0 2 1 1 0 0 1 0-2Z" />, className);

/** A circle with an "i": notes. */
export const InfoIcon = ({ className }: IconProps): ReactElement =>
  svg(<path fill="currentColor" d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm-.9 6v5h1.8V7H7.1Zm.9-3.2a1 1 0 1 0 0 2 1 1 0 0 0 0-2Z" />, className);

/** A tick in a circle: working. */
export const OkIcon = ({ className }: IconProps): ReactElement =>
  svg(<path fill="currentColor" d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm3.3 4.2L7 9.5 4.8 7.3 3.7 8.4 7 11.7l5.4-5.4-1.1-1.1Z" />, className);

/** Two arrows in a circle: rescan. */
export const RefreshIcon = ({ className }: IconProps): ReactElement =>
  svg(<path fill="currentColor" d="M13.5 2.5v4h-4l1.5-1.5A4.5 4.5 0 1 0 12.4 9h1.6A6 6 0 1 1 12 3.9l1.5-1.4Z" />, className);

/** Two sheets: copy. */
export const CopyIcon = ({ className }: IconProps): ReactElement =>
  svg(<path fill="currentColor" d="M5 1h8a1 1 0 0 1 1 1v9h-1.5V2.5H5V1Zm-3 3h8a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H2a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Zm.5 1.5v8h7v-8h-7Z" />, className);

/** A magnifier: scan. */
export const ScanIcon = ({ className }: IconProps): ReactElement =>
  svg(<path fill="currentColor" d="M6.5 1a5.5 5.5 0 0 1 4.4 8.8l3.9 3.9-1.1 1.1-3.9-3.9A5.5 5.5 0 1 1 6.5 1Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" />, className);

/** A stethoscope-like pulse line: diagnosis. */
export const PulseIcon = ({ className }: IconProps): ReactElement =>
  svg(<path fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" d="M1 8.5h3l1.8-4.5 3.4 8 1.8-3.5H15" />, className);

/** A clock: history. */
export const HistoryIcon = ({ className }: IconProps): ReactElement =>
  svg(<path fill="currentColor" d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM7.2 4h1.6v3.7l2.5 1.5-.8 1.3-3.3-2V4Z" />, className);

/** A chip: GPU. */
export const ChipIcon = ({ className }: IconProps): ReactElement =>
  svg(<path fill="currentColor" d="M5 0h1.5v2h3V0H11v2h1a2 2 0 0 1 2 2v1h2v1.5h-2v3h2V11h-2v1a2 2 0 0 1-2 2h-1v2H9.5v-2h-3v2H5v-2H4a2 2 0 0 1-2-2v-1H0V9.5h2v-3H0V5h2V4a2 2 0 0 1 2-2h1V0Zm-1 3.5a.5.5 0 0 0-.5.5v8a.5.5 0 0 0 .5.5h8a.5.5 0 0 0 .5-.5V4a.5.5 0 0 0-.5-.5H4Zm2 2h4v5H6v-5Z" />, className);

/** A folder: installs. */
export const FolderIcon = ({ className }: IconProps): ReactElement =>
  svg(<path fill="currentColor" d="M1 3a1 1 0 0 1 1-1h4l1.5 1.5H14a1 1 0 0 1 1 1V13a1 1 0 0 1-1 1H2a1 1 0 0 1-1-1V3Zm1.5.5v9h11v-7.5H6.9L5.4 3.5H2.5Z" />, className);
