import type { ReactElement, ReactNode } from 'react';

/**
 * The verification's details under a result. Open after a kept change; folded after a rollback, whose banner already
 * names the failed check, so the same failure is not shown twice.
 */
export function VerificationSection(props: { title: string; open: boolean; children: ReactNode }): ReactElement {
  return (
    <details className="verification" open={props.open} data-testid="verification">
      <summary className="subheading">{props.title}</summary>
      {props.children}
    </details>
  );
}
