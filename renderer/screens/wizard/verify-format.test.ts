import { describe, expect, it } from 'vitest';
import { durationParts, localLogLine } from '../dll-swap/tx-format.js';
import { speedupText } from './verify-format.js';

const t = (key: string, o?: Record<string, unknown>): string => `${key}${o ? JSON.stringify(o) : ''}`;

describe('wizard formatting', () => {
  it('words the engine\'s verdict on the timing (it judges; the UI only says it)', () => {
    expect(speedupText({ change: { kind: 'faster', ratio: 1.8 } }, t)).toBe('verify.faster{"ratio":"1.8"}');
    expect(speedupText({ change: { kind: 'slower', ratio: 1.3 } }, t)).toBe('verify.slower{"ratio":"1.3"}');
    expect(speedupText({ change: { kind: 'faster', ratio: 2 } }, t)).toBe('verify.faster{"ratio":"2.0"}');
    expect(speedupText({ change: { kind: 'same', ratio: null } }, t)).toBe('verify.same');
    expect(speedupText({ change: { kind: 'not-measured', ratio: null } }, t)).toBe('verify.notMeasured');
    expect(speedupText({}, t)).toBe('verify.notMeasured');
  });

  it('shows a log line\'s UTC stamp in local time and leaves other lines alone', () => {
    const stamp = '2026-01-02T03:04:05.678Z';
    const local = new Intl.DateTimeFormat('ja', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(stamp));
    expect(localLogLine(`${stamp} pip: Successfully installed torch-2.3.1`, 'ja')).toBe(`${local} pip: Successfully installed torch-2.3.1`);
    expect(localLogLine('pip: no stamp here', 'en')).toBe('pip: no stamp here');
    expect(localLogLine('2026-13-45T99:99:99Z broken', 'en')).toBe('2026-13-45T99:99:99Z broken');
  });

  it('splits a remaining time into hours, minutes and seconds', () => {
    expect(durationParts(63)).toEqual({ h: 0, m: 1, s: 3 });
    expect(durationParts(3725.4)).toEqual({ h: 1, m: 2, s: 5 });
    expect(durationParts(-4)).toEqual({ h: 0, m: 0, s: 0 });
  });
});
