import type { ReactElement } from 'react';

const svg = (d: string): ReactElement => (
  <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><path fill="currentColor" d={d} /></svg>
);

/** A gear: Settings. */
export const SettingsIcon = (): ReactElement =>
  svg('M9.2 1l.4 1.8c.4.1.8.3 1.1.5l1.6-.9 1.7 1.7-.9 1.6c.2.3.4.7.5 1.1l1.8.4v2.4l-1.8.4c-.1.4-.3.8-.5 1.1l.9 1.6-1.7 1.7-1.6-.9c-.3.2-.7.4-1.1.5L9.2 15H6.8l-.4-1.8c-.4-.1-.8-.3-1.1-.5l-1.6.9-1.7-1.7.9-1.6c-.2-.3-.4-.7-.5-1.1L1 9.2V6.8l1.8-.4c.1-.4.3-.8.5-1.1l-.9-1.6 1.7-1.7 1.6.9c.3-.2.7-.4 1.1-.5L6.8 1h2.4ZM8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5Z');

/** Lines of text: the log viewer. */
export const LogsIcon = (): ReactElement => svg('M2 2h12v12H2V2Zm1.5 1.5v9h9v-9h-9ZM5 5h6v1.2H5V5Zm0 2.4h6v1.2H5V7.4Zm0 2.4h4v1.2H5V9.8Z');

/** A circle with an "i": About. */
export const AboutIcon = (): ReactElement => svg('M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM7.2 7h1.6v4.5H7.2V7Zm.8-2.6a.9.9 0 1 1 0 1.8.9.9 0 0 1 0-1.8Z');
