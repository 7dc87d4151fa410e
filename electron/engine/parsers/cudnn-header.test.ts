import { describe, expect, it } from 'vitest';
import { cudnnVersionFromInt, parseCudnnHeader } from './cudnn-header.js';

describe('parseCudnnHeader', () => {
  it('reads cudnn_version.h (cuDNN 9)', () => {
    const text = [
      '#ifndef CUDNN_VERSION_H_',
      '#define CUDNN_VERSION_H_',
      '#define CUDNN_MAJOR 9',
      '#define CUDNN_MINOR 10',
      '#define CUDNN_PATCHLEVEL 2',
      '#define CUDNN_VERSION (CUDNN_MAJOR * 10000 + CUDNN_MINOR * 100 + CUDNN_PATCHLEVEL)',
      '#define CUDNN_MAX_SM_MAJOR_NUMBER 12',
    ].join('\r\n');
    expect(parseCudnnHeader(text)).toEqual({ version: '9.10.2', major: 9 });
  });

  it('reads an old cudnn.h (cuDNN 7) with extra spaces', () => {
    const text = '/* cudnn : Neural Networks Library */\n#if !defined(CUDNN_H_)\n#define CUDNN_MAJOR      7\n#define CUDNN_MINOR      6\n#define CUDNN_PATCHLEVEL 5\n';
    expect(parseCudnnHeader(text)).toEqual({ version: '7.6.5', major: 7 });
  });

  it('does not read CUDNN_MAJOR_SOMETHING or a header without the macros', () => {
    expect(parseCudnnHeader('#define CUDNN_MAJOR_X 8\n#define CUDNN_MINOR 9')).toBeNull();
    expect(parseCudnnHeader('#include "cudnn_version.h"')).toBeNull();
  });
});

describe('cudnnVersionFromInt', () => {
  it.each([
    [8907, '8.9.7'],
    [90300, '9.3.0'],
    [90100, '9.1.0'],
    [91002, '9.10.2'],
    [7605, '7.6.5'],
    [8200, '8.2.0'],
  ])('%i → %s', (n, version) => expect(cudnnVersionFromInt(n)).toBe(version));

  it('throws for values that are not cuDNN numbers', () => {
    expect(() => cudnnVersionFromInt(0)).toThrow(RangeError);
    expect(() => cudnnVersionFromInt(8.5)).toThrow(RangeError);
  });
});
