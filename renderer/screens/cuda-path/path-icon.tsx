import type { ReactElement } from 'react';

/** Three dots joined by a line: a path of steps. */
export const PathIcon = (): ReactElement => (
  <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="M3 1.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4Zm10 4.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4ZM3 10.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4ZM4.5 4.6l7 2.4-.4 1.2-7-2.4.4-1.2Zm7 4.2.4 1.2-7 2.4-.4-1.2 7-2.4Z" />
  </svg>
);
