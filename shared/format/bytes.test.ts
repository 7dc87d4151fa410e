import { describe, expect, it } from 'vitest';
import { byteSize, formatBytes } from './bytes.js';

describe('byte sizes (one format for engine, CLI and UI)', () => {
  it('sizes bytes with 1024-based units and at most one decimal', () => {
    expect(byteSize(0)).toEqual({ n: '0', unit: 'B' });
    expect(byteSize(1023)).toEqual({ n: '1023', unit: 'B' });
    expect(byteSize(90112)).toEqual({ n: '88', unit: 'KB' });
    expect(byteSize(1138688)).toEqual({ n: '1.1', unit: 'MB' });
    expect(byteSize(83581968384)).toEqual({ n: '77.8', unit: 'GB' });
    expect(byteSize(150 * 1024 * 1024)).toEqual({ n: '150', unit: 'MB' });
    expect(byteSize(-5)).toEqual({ n: '0', unit: 'B' });
    expect(byteSize(Number.NaN)).toEqual({ n: '0', unit: 'B' });
  });

  it('writes the number for the language and joins the unit', () => {
    expect(formatBytes(2_147_483_648)).toBe('2 GB');
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(2_684_354_560, 'ja')).toBe('2.5 GB');
    expect(formatBytes(2_684_354_560, 'zh-CN')).toBe('2.5 GB');
    // A language with a decimal comma gets one (not shipped yet, but the number is not hand-formatted).
    expect(formatBytes(2_684_354_560, 'de')).toBe('2,5 GB');
    expect(formatBytes(5 * 1024 ** 4 * 1024)).toBe('5120 TB');
    expect(formatBytes(1536, 'not a language tag')).toBe('1.5 KB');
  });
});
