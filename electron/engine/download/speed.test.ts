import { describe, expect, it } from 'vitest';
import { SpeedMeter } from './speed.js';
import { cacheKey, safeFileName } from './cache.js';

describe('SpeedMeter', () => {
  it('measures bytes per second over a sliding window and derives the ETA', () => {
    let now = 0;
    const m = new SpeedMeter(3_000, () => now);
    expect(m.speed()).toBe(0);
    expect(m.eta(100)).toBeNull();
    for (let i = 0; i < 10; i += 1) {
      now += 100;
      m.add(1000);
    }
    // 9 000 bytes after the first sample, over 0.9 s.
    expect(m.speed()).toBeCloseTo(10_000, 0);
    expect(m.eta(50_000)).toBeCloseTo(5, 1);
    expect(m.eta(null)).toBeNull();
  });

  it('forgets old bursts: a stall shows as a falling speed', () => {
    let now = 0;
    const m = new SpeedMeter(1_000, () => now);
    m.add(0);
    now = 500;
    m.add(1_000_000);
    const fast = m.speed();
    now = 5_000;
    m.add(10);
    now = 5_500;
    m.add(10);
    expect(m.speed()).toBeLessThan(fast / 1000);
  });
});

describe('cache naming', () => {
  it('keys by the published digest so the same content is found from any URL', () => {
    expect(cacheKey('https://a/x.zip', { sha256: 'AB'.repeat(32) })).toBe(`sha256-${'ab'.repeat(32)}`);
    expect(cacheKey('https://b/y.zip', { sha256: 'ab'.repeat(32) })).toBe(cacheKey('https://a/x.zip', { sha256: 'ab'.repeat(32) }));
    expect(cacheKey('https://a/x.exe', { md5: 'cd'.repeat(16) })).toBe(`md5-${'cd'.repeat(16)}`);
    expect(cacheKey('https://a/x.exe', {})).toMatch(/^url-[0-9a-f]{32}$/);
  });

  it('makes a safe single file name from a URL or a name', () => {
    expect(safeFileName('https://h/whl/cu121/torch-2.5.1%2Bcu121-cp310-cp310-win_amd64.whl')).toBe('torch-2.5.1+cu121-cp310-cp310-win_amd64.whl');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..')).toBe('_');
    expect(safeFileName('a:b*c?.zip')).toBe('a_b_c_.zip');
    expect(safeFileName('https://h/')).toBe('download');
  });
});
