import { useTranslation } from 'react-i18next';
import { byteSize } from '../../../shared/format/bytes.js';

/** A function that words a byte count in the UI language ("88 KB"): the shared formatter, its unit word translated. */
export function useSize(): (bytes: number) => string {
  const { t, i18n } = useTranslation('tx');
  return (bytes) => {
    const { n, unit } = byteSize(bytes, i18n.language);
    return t(`units.${unit}`, { n });
  };
}
