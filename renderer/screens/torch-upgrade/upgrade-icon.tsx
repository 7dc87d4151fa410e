import type { ReactElement } from 'react';

/** An arrow up out of a bar: upgrading. */
export const UpgradeIcon = (): ReactElement => (
  <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="M8 1.5 13 6.5h-3V11H6V6.5H3L8 1.5ZM3 13h10v1.5H3V13Z" />
  </svg>
);
