import { describe, expect, it } from 'vitest';
import { LANGS, loadCatalog, lookup, placeholders, type Catalog } from '../../i18n/translate.js';
import { mapCudnnPath } from '../cudnn-overlay/source.js';
import { assertNoDriver } from './plan.js';
import {
  cudaReleaseOf, FORBIDDEN_SUBPACKAGE, installerFileName, LATEST_UPDATE, nvidiaBase, parseCudaManifest, parseCudnnManifest, parseMd5sums, windowsSubpackages,
} from './nvidia.js';

describe('NVIDIA sources', () => {
  it('no plan ever passes Display.Driver, Visual Studio integration or Nsight, for any known release', () => {
    for (const v of Object.keys(LATEST_UPDATE)) {
      const subs = windowsSubpackages(v);
      expect(subs.some((s) => FORBIDDEN_SUBPACKAGE.test(s)), v).toBe(false);
      expect(subs).toContain(`nvcc_${v}`);
      expect(() => assertNoDriver(['-s', ...subs, '-n'])).not.toThrow();
    }
    expect(() => assertNoDriver(['-s', 'nvcc_12.8', 'Display.Driver'])).toThrow(/Display\.Driver/);
    expect(() => assertNoDriver(['--silent', '--driver', '--toolkit'])).toThrow(/--driver/);
    expect(() => assertNoDriver(['-s', 'nsight_compute_12.8'])).toThrow();
    expect(windowsSubpackages('12.8')).toContain('demo_suite_12.8');
    expect(windowsSubpackages('13.0')).not.toContain('demo_suite_13.0');
  });

  it('reads md5sum.txt and finds the local installer for each platform', () => {
    const sums = parseMd5sums('0123456789abcdef0123456789ABCDEF  cuda_12.8.1_572.61_windows.exe\r\nfedcba9876543210fedcba9876543210 *cuda_12.8.1_570.124.06_linux.run\n00000000000000000000000000000000  cuda_12.8.1_windows_network.exe\nnot a line\n');
    expect(sums.get('cuda_12.8.1_572.61_windows.exe')).toBe('0123456789abcdef0123456789abcdef');
    expect(installerFileName(sums.keys(), '12.8.1', 'windows')).toBe('cuda_12.8.1_572.61_windows.exe');
    expect(installerFileName(sums.keys(), '12.8.1', 'linux')).toBe('cuda_12.8.1_570.124.06_linux.run');
    expect(installerFileName(sums.keys(), '12.6.3', 'windows')).toBeNull();
  });

  it('reads the redistributable manifests (size is a string) and the cuDNN variants', () => {
    const cuda = parseCudaManifest({ release_label: '12.8.1', cuda_nvcc: { version: '12.8.93', 'windows-x86_64': { relative_path: 'cuda_nvcc/w/x.zip', sha256: 'AB'.repeat(32), md5: 'cd'.repeat(16), size: '123' } } }, 'windows');
    expect(cuda.get('cuda_nvcc')).toEqual({ version: '12.8.93', artifact: { relativePath: 'cuda_nvcc/w/x.zip', sha256: 'ab'.repeat(32), md5: 'cd'.repeat(16), bytes: 123 } });
    expect(parseCudaManifest({ cuda_nvcc: { 'linux-x86_64': {} } }, 'windows').size).toBe(0);
    const cudnn = { cudnn: { version: '9.13.0.50', 'windows-x86_64': { cuda12: { relative_path: 'a.zip', sha256: 'ef'.repeat(32), size: '5' }, cuda13: { relative_path: 'b.zip', sha256: 'ef'.repeat(32) } } } };
    expect(parseCudnnManifest(cudnn, 'windows', 12)?.artifact?.relativePath).toBe('a.zip');
    expect(parseCudnnManifest(cudnn, 'windows', 11)).toMatchObject({ artifact: null, variants: ['cuda12', 'cuda13'] });
  });

  it('knows release updates and honours the base URL override', () => {
    expect(cudaReleaseOf('12.8')).toBe('12.8.1');
    expect(cudaReleaseOf('12.4.0')).toBe('12.4.0');
    expect(cudaReleaseOf('12.7')).toBeNull();
    expect(nvidiaBase({})).toBe('https://developer.download.nvidia.com');
    expect(nvidiaBase({ TORCHLIFT_NVIDIA_DOWNLOADS: 'http://127.0.0.1:9/mirror/' })).toBe('http://127.0.0.1:9/mirror');
  });

  it('maps both cuDNN zip layouts, the exe installer folders and the Linux tarball onto a toolkit', () => {
    const win = { windows: true, binDir: 'bin', libDir: 'lib64', cudaMajor: 12 };
    expect(mapCudnnPath('bin/cudnn64_9.dll', win)).toBe('bin/cudnn64_9.dll');
    expect(mapCudnnPath('bin/x64/cudnn64_9.dll', win)).toBe('bin/cudnn64_9.dll');
    expect(mapCudnnPath('include/x64/cudnn_version.h', win)).toBe('include/cudnn_version.h');
    expect(mapCudnnPath('lib/x64/cudnn.lib', win)).toBe('lib/x64/cudnn.lib');
    expect(mapCudnnPath('bin/12.6/x64/cudnn64_9.dll', win)).toBe('bin/cudnn64_9.dll');
    expect(mapCudnnPath('bin/13.0/x64/cudnn64_9.dll', win)).toBeNull();
    expect(mapCudnnPath('LICENSE', win)).toBeNull();
    expect(mapCudnnPath('bin/cudnn64_9.dll', { ...win, binDir: 'bin/x64' })).toBe('bin/x64/cudnn64_9.dll');
    const linux = { windows: false, binDir: 'bin', libDir: 'lib64', cudaMajor: 12 };
    expect(mapCudnnPath('lib/libcudnn.so.9.1.0', linux)).toBe('lib64/libcudnn.so.9.1.0');
    expect(mapCudnnPath('include/cudnn_version.h', linux)).toBe('include/cudnn_version.h');
  });
});

describe('cuda.json texts', () => {
  const leaves = (c: Catalog, prefix = ''): string[] => Object.entries(c).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
  it('exist in en, ja and zh-CN with the same placeholders', () => {
    const keys = leaves(loadCatalog('en', 'cuda'));
    expect(keys.length).toBeGreaterThan(60);
    for (const lang of LANGS) {
      const catalog = loadCatalog(lang, 'cuda');
      expect(leaves(catalog).sort(), lang).toEqual([...keys].sort());
      for (const key of keys) expect(placeholders(lookup(catalog, key)!), `${lang} ${key}`).toEqual(placeholders(lookup(loadCatalog('en', 'cuda'), key)!));
    }
  });
});
