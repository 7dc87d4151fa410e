import { describe, expect, it } from 'vitest';
import { compareDriver, cudaTagToVersion, cudaVersionToTag, majorMinor, normalizeDriverVersion, releaseOf } from './versions.js';

describe('version helpers', () => {
  it('compares drivers numerically', () => {
    expect(compareDriver('550.54.14', '551.61')).toBe(-1);
    expect(compareDriver('570.124.06', '570.26')).toBe(1);
    expect(compareDriver('580', '580.65.06')).toBe(-1);
    expect(compareDriver('580.65.06', '580.65.06')).toBe(0);
    expect(compareDriver('535.104.05', '535.54.03')).toBe(1);
  });
  it('normalizes Windows file versions', () => {
    expect(normalizeDriverVersion('31.0.15.4633')).toBe('546.33');
    expect(normalizeDriverVersion('32.0.15.7283')).toBe('572.83');
    expect(normalizeDriverVersion(' 550.40.07 ')).toBe('550.40.07');
    expect(normalizeDriverVersion('N/A')).toBeNull();
  });
  it('parses tags and releases', () => {
    expect(cudaTagToVersion('cu121')).toBe('12.1');
    expect(cudaTagToVersion('cu130')).toBe('13.0');
    expect(cudaTagToVersion('cpu')).toBeNull();
    expect(cudaVersionToTag('12.8.93')).toBe('cu128');
    expect(majorMinor('3.10.11')).toBe('3.10');
    expect(releaseOf('2.1.2+cu121')).toBe('2.1.2');
    expect(releaseOf('1.13.0a0')).toBe('1.13.0');
    expect(releaseOf('0.0.23.post1')).toBe('0.0.23.post1');
  });
});
