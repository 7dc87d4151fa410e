import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Driver } from '../../../shared/schemas/detect.js';
import { renderMsg } from '../../../shared/i18n/message.js';
import { Card } from '../../components/card.js';
import { Facts, Pill, type Tone } from '../../components/status.js';

const TONES: Record<Driver['status'], Tone> = { ok: 'ok', 'not-installed': 'neutral', 'not-loaded': 'error', 'library-mismatch': 'warn', unknown: 'neutral' };

/**
 * The NVIDIA driver: version, the newest CUDA it supports, and whether it works. `explained`: the banner above the
 * cards already says what is wrong with the driver, so the card does not repeat the warning.
 */
export function DriverCard(props: { driver: Driver; explained?: boolean }): ReactElement {
  const { t } = useTranslation();
  const d = props.driver;
  return (
    <Card title={t('scan.driver.heading')} aside={<Pill tone={TONES[d.status]}>{t(`scan.driver.status.${d.status}`)}</Pill>} testId="driver-card">
      {d.version ? (
        <p className="headline headline-sm" data-testid="driver-summary">
          {t('scan.driver.summary', { version: d.version, cuda: d.maxCudaVersion ?? t('common.unknown') })}
        </p>
      ) : null}
      <Facts
        rows={[
          [t('scan.driver.version'), d.version ?? '—'],
          [t('scan.driver.maxCuda'), d.maxCudaVersion ?? '—'],
        ]}
      />
      {d.message && d.status !== 'ok' && props.explained !== true ? <p className="muted small card-note" data-testid="driver-message">{d.messageMsg ? renderMsg(t, d.messageMsg) : d.message}</p> : null}
    </Card>
  );
}
