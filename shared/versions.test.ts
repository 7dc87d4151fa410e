import { describe, expect, it } from 'vitest';
import { coerce } from 'semver';
import { compareVersions, coerceVersion, majorOf } from './versions.js';

describe('compareVersions (driver, CUDA, compute capability)', () => {
  it('reads NVIDIA driver versions padded with zeros, which strict semver coercion rejects', () => {
    // The trap this module exists for: strict coercion gives null here, and a null compare would say "equal".
    expect(coerce('580.65.06')).toBeNull();
    expect(coerceVersion('580.65.06')?.version).toBe('580.65.6');
    expect(compareVersions('535.104.05', '535.54.03')).toBe(1);
    expect(compareVersions('535.54.03', '535.104.05')).toBe(-1);
    expect(compareVersions('580.65.06', '580.65.6')).toBe(0);
  });

  it('compares Windows driver versions and mixed lengths', () => {
    expect(compareVersions('546.33', '551.61')).toBe(-1);
    expect(compareVersions('570.124.06', '570.26')).toBe(1);
    expect(compareVersions('580', '580.65.06')).toBe(-1);
    expect(compareVersions('580', '580.0')).toBe(0);
    expect(compareVersions('1000.1', '999.99')).toBe(1);
  });

  it('compares CUDA versions by number, not by text', () => {
    expect(compareVersions('12.10', '12.9')).toBe(1);
    expect(compareVersions('12.1', '12.10')).toBe(-1);
    expect(compareVersions('13.0', '12.9')).toBe(1);
    expect(compareVersions('V12.1.105', '12.1')).toBe(1);
    expect(compareVersions(' 12.4 ', '12.4.0')).toBe(0);
    // Compute capabilities are the same shape.
    expect(compareVersions('12.0', '8.9')).toBe(1);
    expect(compareVersions('7.5', '7.0')).toBe(1);
  });

  it('sorts what it cannot read first instead of calling it equal to a real version', () => {
    expect(compareVersions('N/A', '550.40.07')).toBe(-1);
    expect(compareVersions('550.40.07', '')).toBe(1);
    expect(compareVersions('N/A', 'unknown')).toBe(0);
    expect(['12.9', '12.10', '11.8', '12.1'].sort(compareVersions)).toEqual(['11.8', '12.1', '12.9', '12.10']);
  });

  it('reads the major number', () => {
    expect(majorOf('12.4')).toBe(12);
    expect(majorOf('580.65.06')).toBe(580);
    expect(majorOf('V13.0.88')).toBe(13);
    expect(majorOf('none')).toBeNull();
  });
});
