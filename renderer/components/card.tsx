import { useId, type ReactElement, type ReactNode } from 'react';

/** A titled panel; its heading labels the region for screen readers. */
export function Card(props: { title: ReactNode; icon?: ReactNode; aside?: ReactNode; children: ReactNode; className?: string; testId?: string }): ReactElement {
  const id = useId();
  return (
    <section className={`card ${props.className ?? ''}`} aria-labelledby={id} data-testid={props.testId}>
      <header className="card-header">
        {props.icon ? <span className="card-icon">{props.icon}</span> : null}
        <h2 id={id} className="card-title">{props.title}</h2>
        {props.aside ? <div className="card-aside">{props.aside}</div> : null}
      </header>
      <div className="card-body">{props.children}</div>
    </section>
  );
}
