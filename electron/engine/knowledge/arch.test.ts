import { describe, expect, it } from 'vitest';
import { archListFor, archRunsOnCc, archSpan, buildRunsOnCc, buildRunsWithoutCrossGenJit, parseArch } from './arch.js';

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
