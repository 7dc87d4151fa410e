import { describe, expect, it } from 'vitest';
import { formatVram } from './gpu-arch.js';

describe('formatVram', () => {
  it('rounds MiB to whole GB', () => {
    expect(formatVram(12282)).toBe('12 GB');
    expect(formatVram(6144)).toBe('6 GB');
    expect(formatVram(16303)).toBe('16 GB');
  });
  it('answers null when unknown', () => {
    expect(formatVram(null)).toBeNull();
    expect(formatVram(0)).toBeNull();
  });
});
