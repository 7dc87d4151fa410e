import { useTranslation } from 'react-i18next';
import { byteSize } from './tx-format.js';

/** A function that words a byte count in the UI language ("88 KB"). */
export function useSize(): (bytes: number) => string {
  const { t } = useTranslation('tx');
  return (bytes) => {
    const { n, unit } = byteSize(bytes);
    return t(`units.${unit}`, { n });
  };
}
