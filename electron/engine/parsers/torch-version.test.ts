import { describe, expect, it } from 'vitest';
import { cudaIntToVersion, cudaTagToVersion, cudaVersionToTag, isCpuOnlyBuild, normaliseCudaVersion, parseTorchVersion } from './torch-version.js';

describe('parseTorchVersion', () => {
  it.each([
    ['2.1.2+cu121', { version: '2.1.2+cu121', base: '2.1.2', release: '2.1.2', local: 'cu121', variant: 'cuda', cudaTag: 'cu121', cudaVersion: '12.1', rocmVersion: null }],
    ['2.0.1+cu118', { base: '2.0.1', variant: 'cuda', cudaTag: 'cu118', cudaVersion: '11.8' }],
    ['2.2.0+cpu', { base: '2.2.0', local: 'cpu', variant: 'cpu', cudaTag: null, cudaVersion: null }],
    ['1.13.0a0', { version: '1.13.0a0', base: '1.13.0a0', release: '1.13.0', local: null, variant: 'unknown', cudaTag: null }],
    ['2.5.1+rocm6.2', { base: '2.5.1', local: 'rocm6.2', variant: 'rocm', rocmVersion: '6.2', cudaTag: null }],
    ['2.7.0.dev20250301+cu128', { base: '2.7.0.dev20250301', release: '2.7.0', variant: 'cuda', cudaTag: 'cu128', cudaVersion: '12.8' }],
    ['1.7.0a0+9ddd3df', { base: '1.7.0a0', release: '1.7.0', local: '9ddd3df', variant: 'unknown', cudaTag: null }],
    ['2.0.1+cu118.with.pypi.cudnn', { base: '2.0.1', variant: 'cuda', cudaTag: 'cu118', cudaVersion: '11.8' }],
    ['  1.10.2 \n', { version: '1.10.2', variant: 'unknown', local: null }],
    ['1.5.0+cu92', { cudaTag: 'cu92', cudaVersion: '9.2' }],
  ])('%s', (input, expected) => expect(parseTorchVersion(input)).toMatchObject(expected));

  it('returns null for non-versions', () => {
    expect(parseTorchVersion('Could not collect')).toBeNull();
    expect(parseTorchVersion('')).toBeNull();
  });
});

describe('CUDA version helpers', () => {
  it.each([
    ['cu121', '12.1'],
    ['cu118', '11.8'],
    ['cu102', '10.2'],
    ['cu130', '13.0'],
    ['cu92', '9.2'],
    ['cpu', null],
    ['rocm6.2', null],
  ])('cudaTagToVersion(%s) = %s', (tag, version) => expect(cudaTagToVersion(tag)).toBe(version));

  it.each([
    ['12.1', 'cu121'],
    ['12.1.105', 'cu121'],
    ['9.2', 'cu92'],
    ['13.0', 'cu130'],
    ['abc', null],
  ])('cudaVersionToTag(%s) = %s', (version, tag) => expect(cudaVersionToTag(version)).toBe(tag));

  it.each([
    [1201, '12.1'],
    [1180, '11.8'],
    [1107, '11.7'],
    [1108, '11.8'],
    [11040, '11.4'],
    [12080, '12.8'],
    [11070, '11.7'],
    [10020, '10.2'],
    [13000, '13.0'],
    [9020, '9.2'],
    [0, null],
    [1234, null],
  ])('cudaIntToVersion(%i) = %s', (n, version) => expect(cudaIntToVersion(n)).toBe(version));

  it.each([
    ['12.1.105', '12.1'],
    ['V12.4.99', '12.4'],
    ['12', '12.0'],
    ['11.8', '11.8'],
    ['N/A', null],
  ])('normaliseCudaVersion(%s) = %s', (input, output) => expect(normaliseCudaVersion(input)).toBe(output));
});

describe('isCpuOnlyBuild', () => {
  it('is a +cpu tag, or an imported torch without CUDA that is not ROCm', () => {
    expect(isCpuOnlyBuild({ version: '2.1.2+cpu', cudaVersion: null, imported: false })).toBe(true);
    expect(isCpuOnlyBuild({ version: '1.13.1', cudaVersion: null, imported: true })).toBe(true);
    // Read from files only, an untagged version says nothing yet.
    expect(isCpuOnlyBuild({ version: '1.13.1', cudaVersion: null, imported: false })).toBe(false);
    expect(isCpuOnlyBuild({ version: '2.1.2+cu121', cudaVersion: '12.1', imported: true })).toBe(false);
    expect(isCpuOnlyBuild({ version: '2.5.1+rocm6.2', cudaVersion: null, imported: true })).toBe(false);
  });
});
