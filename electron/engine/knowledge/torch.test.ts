import { describe, expect, it } from 'vitest';
import { cudnnFor, pythonSupport, pythonSupported, torchKnownIssues, torchRelease, torchReleases, torchvisionFor } from './torch.js';

describe('torch queries', () => {
  it('covers every patch from 1.12.0 to 2.12.0, with 2.13/2.14 planned and unconfirmed', () => {
    const versions = torchReleases().map((r) => r.version);
    for (const v of ['1.12.0', '1.12.1', '1.13.1', '2.0.1', '2.1.2', '2.2.2', '2.3.1', '2.4.1', '2.5.1', '2.6.0', '2.7.1', '2.8.0', '2.9.1', '2.10.0', '2.11.0', '2.12.0'])
      expect(versions).toContain(v);
    expect(torchRelease('2.14.0')).toMatchObject({ status: 'planned', confirmed: false });
  });
  it('finds a release by a local-tagged version', () => {
    expect(torchRelease('2.1.2+cu121')?.variants.map((v) => v.tag)).toEqual(['cu118', 'cu121']);
    expect(torchRelease('3.0.0')).toBeNull();
  });
  it('pairs torchvision', () => {
    expect(torchvisionFor('2.1.2')).toBe('0.16.2');
    expect(torchvisionFor('2.0.0')).toBe('0.15.1');
    expect(torchvisionFor('2.11.0+cu130')).toBe('0.26.0');
  });
  it('knows Python ranges, including experimental versions', () => {
    expect(pythonSupport('2.5.1', '3.10.11')).toBe('supported');
    expect(pythonSupport('2.5.1', '3.13')).toBe('experimental');
    expect(pythonSupported('2.9.0', '3.9.7')).toBe(false);
    expect(pythonSupported('2.0.1', '3.11')).toBe(true);
    expect(pythonSupported('1.13.1', '3.11')).toBe(false);
    expect(pythonSupport('9.9.9', '3.10')).toBe('unknown');
  });
  it('gives cuDNN per variant', () => {
    expect(cudnnFor('2.1.2', 'cu121')).toBe('8.9.2.26');
    expect(cudnnFor('2.7.1', 'cu128')).toBe('9.7.1.26');
    expect(cudnnFor('2.11.0', '13.0')).toBe('9.17.1.4');
    expect(cudnnFor('2.1.2', 'cu124')).toBeNull();
  });
  it('knows torch 2.4.0 on Windows breaks fbgemm.dll', () => {
    expect(torchKnownIssues('2.4.0', 'windows').map((i) => i.code)).toEqual(['fbgemm-libomp140']);
    expect(torchKnownIssues('2.4.0', 'linux')).toEqual([]);
  });
});
