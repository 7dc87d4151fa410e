import { describe, expect, it } from 'vitest';
import { archName, archSupported, formatVram, smName } from './gpu-arch.js';

describe('archName', () => {
  it.each([
    ['8.9', 'Ada Lovelace'],
    ['8.6', 'Ampere'],
    ['7.5', 'Turing'],
    ['7.0', 'Volta'],
    ['6.1', 'Pascal'],
    ['12.0', 'Blackwell'],
    ['9.0', 'Hopper'],
  ])('%s → %s', (cc, name) => expect(archName(cc)).toBe(name));

  it('answers null for nonsense and for unknown majors', () => {
    expect(archName(null)).toBeNull();
    expect(archName('abc')).toBeNull();
    expect(archName('42.0')).toBeNull();
  });
});

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

describe('smName', () => {
  it('writes torch arch names', () => {
    expect(smName('12.0')).toBe('sm_120');
    expect(smName('8.9')).toBe('sm_89');
    expect(smName(null)).toBeNull();
  });
});

describe('archSupported', () => {
  const cu121 = ['sm_50', 'sm_60', 'sm_61', 'sm_70', 'sm_75', 'sm_80', 'sm_86', 'sm_90'];
  it('is false for a GPU newer than every SASS arch and no PTX', () => {
    expect(archSupported('12.0', cu121)).toBe(false);
  });
  it('is true for an exact or same-major lower arch', () => {
    expect(archSupported('8.9', cu121)).toBe(true);
    expect(archSupported('7.5', cu121)).toBe(true);
  });
  it('accepts PTX at or below the GPU', () => {
    expect(archSupported('12.0', [...cu121, 'compute_90'])).toBe(true);
  });
  it('is null when unknown', () => {
    expect(archSupported(null, cu121)).toBeNull();
    expect(archSupported('8.9', [])).toBeNull();
  });
});
