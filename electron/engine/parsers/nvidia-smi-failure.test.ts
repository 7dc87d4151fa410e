import { describe, expect, it } from 'vitest';
import { classifyNvidiaSmiFailure, isUnsupportedQueryField } from './nvidia-smi.js';

describe('classifyNvidiaSmiFailure', () => {
  it.each([
    [
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
      'not-loaded',
    ],
    ['Failed to initialize NVML: Driver/library version mismatch', 'library-mismatch'],
    ['Failed to initialize NVML: Driver/library version mismatch\r\nNVML library version: 535.183', 'library-mismatch'],
    ["'nvidia-smi' is not recognized as an internal or external command,\r\noperable program or batch file.", 'not-installed'],
    ['bash: nvidia-smi: command not found', 'not-installed'],
    ["NVIDIA-SMI couldn't find libnvidia-ml.so library in your system. Please make sure that the NVIDIA Display Driver is properly installed and present in your system.", 'not-installed'],
    ['No devices were found', 'unknown'],
    ['Failed to initialize NVML: Unknown Error', 'unknown'],
  ])('%s → %s', (output, status) => {
    const failure = classifyNvidiaSmiFailure(output);
    expect(failure?.status).toBe(status);
    expect(failure?.message.length).toBeGreaterThan(20);
  });

  it('explains "No devices were found" as a driver without a visible GPU', () => {
    expect(classifyNvidiaSmiFailure('No devices were found')?.message).toMatch(/no GPU/i);
  });

  it('returns null for normal output', () => {
    expect(classifyNvidiaSmiFailure('| NVIDIA-SMI 550.40.07   Driver Version: 550.40.07   CUDA Version: 12.4 |')).toBeNull();
    expect(classifyNvidiaSmiFailure('0, NVIDIA GeForce RTX 4070, 550.40.07, 12282, 8.9')).toBeNull();
    expect(classifyNvidiaSmiFailure('')).toBeNull();
  });
});

describe('isUnsupportedQueryField', () => {
  it('recognises the rejected field message', () => {
    expect(isUnsupportedQueryField('Field "compute_cap" is not a valid field to query.\n\n')).toBe(true);
    expect(isUnsupportedQueryField('0, Tesla T4, 470.82.01, 15109')).toBe(false);
  });
});
