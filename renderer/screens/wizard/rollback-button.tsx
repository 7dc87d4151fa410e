import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/** "Roll back" behind a confirm that says what it puts back; `testId` prefixes the button ids. */
export function RollbackButton(props: { label?: string; confirmText: string; busy: boolean; onConfirm: () => void; testId: string }): ReactElement {
  const { t } = useTranslation('tx');
  const [confirming, setConfirming] = useState(false);
  if (confirming && !props.busy) {
    return (
      <div className="confirm" role="group" aria-label={props.label ?? t('wizard.result.rollback')} data-testid="rollback-confirm">
        <span>{props.confirmText}</span>
        <button type="button" className="button button-danger" onClick={() => { setConfirming(false); props.onConfirm(); }} data-testid="rollback-yes">{t('wizard.result.rollbackYes')}</button>
        <button type="button" className="button" onClick={() => setConfirming(false)}>{t('wizard.result.cancel')}</button>
      </div>
    );
  }
  return <button type="button" className="button" disabled={props.busy} onClick={() => setConfirming(true)} data-testid={props.testId}>{props.label ?? t('wizard.result.rollback')}</button>;
}
