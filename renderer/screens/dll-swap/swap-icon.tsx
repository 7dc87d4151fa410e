import type { ReactElement } from 'react';

/** Two opposed arrows: swapping files. */
export const SwapIcon = (): ReactElement => (
  <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="M11 1.5 14.5 5 11 8.5V6H4V4h7V1.5ZM5 7.5V10h7v2H5v2.5L1.5 11 5 7.5Z" />
  </svg>
);
