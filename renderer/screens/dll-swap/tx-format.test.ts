import { describe, expect, it } from 'vitest';
import { componentName, fileName, formatTime } from './tx-format.js';

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
});
