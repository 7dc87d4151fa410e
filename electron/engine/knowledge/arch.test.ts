import { describe, expect, it } from 'vitest';
import { archFit, architectureOf, archListFor, archRunsOnCc, archSpan, buildRunsOnCc, buildRunsWithoutCrossGenJit, parseArch, smOf } from './arch.js';

describe('parseArch / archRunsOnCc / buildRunsOnCc', () => {
  it('parses SASS and PTX names', () => {
    expect(parseArch('sm_86')).toEqual({ kind: 'sass', major: 8, minor: 6 });
    expect(parseArch('compute_120')).toEqual({ kind: 'ptx', major: 12, minor: 0 });
    expect(parseArch('sm_90a')).toEqual({ kind: 'sass', major: 9, minor: 0 });
    expect(parseArch('gfx90a')).toBeNull();
  });
  it('runs SASS within a major at equal or higher minor only', () => {
    expect(archRunsOnCc('sm_86', '8.9')).toBe(true);
    expect(archRunsOnCc('sm_86', '8.0')).toBe(false);
    expect(archRunsOnCc('sm_86', '9.0')).toBe(false);
    expect(archRunsOnCc('sm_50', '5.2')).toBe(true);
  });
  it('runs PTX on anything at or above its arch', () => {
    expect(archRunsOnCc('compute_37', '12.0')).toBe(true);
    expect(archRunsOnCc('compute_120', '8.9')).toBe(false);
    expect(archRunsOnCc('compute_120', '12.1')).toBe(true);
  });
  it('answers for whole lists', () => {
    const cu124 = ['sm_50', 'sm_60', 'sm_70', 'sm_75', 'sm_80', 'sm_86', 'sm_90'];
    expect(buildRunsOnCc(cu124, '8.9')).toBe(true);
    expect(buildRunsOnCc(cu124, '12.0')).toBe(false);
    expect(buildRunsOnCc(['sm_75', 'sm_120'], '6.1')).toBe(false);
    expect(buildRunsOnCc(['sm_37', 'compute_37'], '12.0')).toBe(true);
    expect(buildRunsWithoutCrossGenJit(['sm_37', 'compute_37'], '12.0')).toBe(false);
    expect(buildRunsWithoutCrossGenJit(['sm_120', 'compute_120'], '12.1')).toBe(true);
    expect(buildRunsWithoutCrossGenJit(['sm_90', 'compute_120'], '12.0')).toBe(true);
    expect(archSpan(cu124)).toEqual({ lowest: 'sm_50', highest: 'sm_90', lowestCc: '5.0', highestCc: '9.0' });
  });
});

describe('archListFor', () => {
  it('gives Windows and Linux lists per torch × CUDA', () => {
    expect(archListFor('2.5.1+cu121', 'cu121', 'windows')).toEqual({
      archs: ['sm_50', 'sm_60', 'sm_61', 'sm_70', 'sm_75', 'sm_80', 'sm_86', 'sm_90'],
      confirmed: true,
      unconfirmedArchs: [],
    });
    expect(archListFor('2.5.1', 'cu121', 'linux')?.archs).not.toContain('sm_61');
  });
  it('expands +PTX to compute_XY', () => {
    expect(archListFor('2.1.2', 'cu118', 'windows')?.archs).toEqual(expect.arrayContaining(['sm_37', 'compute_37']));
    expect(archListFor('2.9.1', 'cu130', 'linux')?.archs).toContain('compute_120');
    expect(archListFor('2.9.1', 'cu130', 'windows')?.archs).not.toContain('compute_120');
  });
  it('tracks Volta in and out of cu128 and Pascal out of cu128+', () => {
    expect(archListFor('2.7.1', 'cu128', 'linux')?.archs).not.toContain('sm_70');
    expect(archListFor('2.8.0', 'cu128', 'linux')?.archs).toContain('sm_70');
    expect(archListFor('2.11.0', 'cu128', 'linux')?.archs).not.toContain('sm_70');
    expect(archListFor('2.10.0', 'cu126', 'windows')?.archs).toContain('sm_61');
    expect(buildRunsOnCc(archListFor('2.7.0', 'cu128', 'windows')?.archs ?? [], '12.0')).toBe(true);
  });
  it('marks extrapolated rows unconfirmed and returns null for unknown combos', () => {
    expect(archListFor('2.7.1', 'cu118', 'windows')?.unconfirmedArchs).toEqual(['sm_37', 'compute_37']);
    expect(archListFor('2.8.0', 'cu128', 'windows')?.unconfirmedArchs).toEqual(['sm_70']);
    expect(archListFor('2.11.0', 'cu126', 'windows')?.confirmed).toBe(false);
    expect(archListFor('2.5.1', 'cu128', 'linux')).toBeNull();
    expect(archListFor('2.5.1', 'cu121', 'macos')).toBeNull();
    expect(archListFor('1.13.0a0', 'cu117', 'linux')?.archs).toContain('sm_86');
  });
});

describe('archFit (the verdict the doctor and each scanned install share)', () => {
  const cu121 = ['sm_50', 'sm_60', 'sm_61', 'sm_70', 'sm_75', 'sm_80', 'sm_86', 'sm_90'];
  const cu128 = ['sm_70', 'sm_75', 'sm_80', 'sm_86', 'sm_90', 'sm_100', 'sm_120'];
  it('says the build predates a GPU newer than every SASS arch and no PTX', () => {
    expect(archFit('12.0', cu121)).toBe('gpu-newer');
  });
  it('says the build moved past an older GPU', () => {
    expect(archFit('6.1', cu128)).toBe('gpu-older');
    expect(archFit('3.7', cu121)).toBe('gpu-older');
  });
  it('runs on an exact or same-major lower arch, and on PTX at or below the GPU', () => {
    expect(archFit('8.9', cu121)).toBe('runs');
    expect(archFit('7.5', cu121)).toBe('runs');
    expect(archFit('12.0', [...cu121, 'compute_90'])).toBe('runs');
    // torch's family-specific names (sm_100f, sm_120a) are read like the doctor reads them.
    expect(archFit('12.0', ['sm_90', 'sm_120a'])).toBe('runs');
    expect(archFit('10.0', ['sm_90', 'sm_100f'])).toBe('runs');
  });
  it('is null when the GPU or the arch list is unknown', () => {
    expect(archFit(null, cu121)).toBeNull();
    expect(archFit('8.9', [])).toBeNull();
    expect(archFit('?', cu121)).toBeNull();
  });
  it('names the arch the way torch does, and the architecture the way NVIDIA does', () => {
    expect(smOf('12.0')).toBe('sm_120');
    expect(smOf('8.9')).toBe('sm_89');
    expect(smOf('x')).toBeNull();
    expect(architectureOf('8.9')).toBe('Ada Lovelace');
    expect(architectureOf('8.6')).toBe('Ampere');
    expect(architectureOf('7.5')).toBe('Turing');
    expect(architectureOf('7.0')).toBe('Volta');
    expect(architectureOf('6.1')).toBe('Pascal');
    expect(architectureOf('9.0')).toBe('Hopper');
    expect(architectureOf('12.0')).toBe('Blackwell');
    expect(architectureOf('42.0')).toBeNull();
  });
});
