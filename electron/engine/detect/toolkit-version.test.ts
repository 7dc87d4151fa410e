import { describe, expect, it } from 'vitest';
import { versionFromDistInfoNames, versionFromFolderName, versionFromVersionJson, versionFromVersionTxt } from './toolkit-version.js';

describe('toolkit version files', () => {
  it('reads version.json with the nvcc entry', () => {
    const text = JSON.stringify({ cuda: { name: 'CUDA SDK', version: '12.1.1' }, cuda_nvcc: { name: 'CUDA NVCC', version: '12.1.105' } });
    expect(versionFromVersionJson(text)).toEqual({ version: '12.1', fullVersion: 'V12.1.105', source: 'version.json' });
  });
  it('reads version.json with only the cuda entry', () => {
    expect(versionFromVersionJson('{"cuda":{"name":"CUDA SDK","version":"11.8.0"}}')).toMatchObject({ version: '11.8', fullVersion: '11.8.0' });
  });
  it('rejects broken version.json', () => {
    expect(versionFromVersionJson('{not json')).toBeNull();
    expect(versionFromVersionJson('{"cuda":{}}')).toBeNull();
    expect(versionFromVersionJson('null')).toBeNull();
  });
  it('reads version.txt', () => {
    expect(versionFromVersionTxt('CUDA Version 11.2.152\r\n')).toEqual({ version: '11.2', fullVersion: '11.2.152', source: 'version.txt' });
    expect(versionFromVersionTxt('garbage')).toBeNull();
  });
  it('reads dist-info folder names, nvcc first', () => {
    const names = ['nvidia_cuda_cccl-13.0.85.dist-info', 'nvidia_cuda_runtime-13.0.96.dist-info', 'nvidia_cuda_nvcc-13.0.88.dist-info'];
    expect(versionFromDistInfoNames(names)).toEqual({ version: '13.0', fullVersion: 'V13.0.88', source: 'dist-info' });
    expect(versionFromDistInfoNames(['nvidia_cuda_runtime-12.4.127.dist-info'])).toMatchObject({ version: '12.4', fullVersion: '12.4.127' });
    expect(versionFromDistInfoNames(['README'])).toBeNull();
  });
  it('reads folder names', () => {
    expect(versionFromFolderName('v12.1')?.version).toBe('12.1');
    expect(versionFromFolderName('cuda-11.8')?.version).toBe('11.8');
    expect(versionFromFolderName('cuda')).toBeNull();
  });
});
