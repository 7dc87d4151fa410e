import { describe, expect, it } from 'vitest';
import { componentName, fileName, formatTime, verifyLines } from './tx-format.js';

describe('tx formatting', () => {
  it('takes the file name of Windows and POSIX paths, spaces and brackets included', () => {
    expect(fileName('C:\\SD [A1111] & co\\torch\\lib\\cudnn64_8.dll')).toBe('cudnn64_8.dll');
    expect(fileName('/home/ユーザー/torch/lib/libcudnn.so.8')).toBe('libcudnn.so.8');
    expect(fileName('/trailing/')).toBe('trailing');
  });

  it('formats times in the UI language and keeps unparsable text', () => {
    expect(formatTime('2024-05-01T13:05:00Z', 'en')).toMatch(/2024/);
    expect(formatTime('not a date', 'ja')).toBe('not a date');
  });

  it('names library components', () => {
    expect(componentName('cublas')).toBe('cuBLAS');
    expect(componentName('mystery')).toBe('mystery');
  });

  it('picks the verification lines out of a job log, without timestamps', () => {
    expect(verifyLines([
      '2024-01-01T00:00:00.000Z plan: ready, 7 file(s)',
      '2024-01-01T00:00:01.000Z verify: FAIL import: OSError: [WinError 126] x',
      '2024-01-01T00:00:01.000Z verify: ok   cuda (3 ms)',
      '2024-01-01T00:00:02.000Z rolled back: import torch failed',
    ])).toEqual(['FAIL import: OSError: [WinError 126] x', 'ok   cuda (3 ms)']);
  });
});
