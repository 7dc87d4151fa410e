import { describe, expect, it } from 'vitest';
import {
  parseDistInfoName, parseDunderVersion, parseMetadataVersion, parsePyvenvVersion, parseTorchVersionPy,
  parseXformersBuildInfo, pythonVersionFromEmbeddedNames, pythonVersionFromLibDir,
} from './package-files.js';

describe('package files', () => {
  it('reads torch/version.py of several eras', () => {
    const modern = "from typing import Optional\n__all__ = ['__version__']\n__version__ = '2.1.2+cu121'\ndebug = False\ncuda: Optional[str] = '12.1'\ngit_version = 'abc'\nhip: Optional[str] = None\n";
    expect(parseTorchVersionPy(modern)).toEqual({ version: '2.1.2+cu121', cuda: '12.1' });
    expect(parseTorchVersionPy("__version__ = '2.2.0+cpu'\ncuda: Optional[str] = None\n")).toEqual({ version: '2.2.0+cpu', cuda: null });
    expect(parseTorchVersionPy("__version__ = '1.7.0'\ncuda = '10.2'\r\n")).toEqual({ version: '1.7.0', cuda: '10.2' });
    expect(parseTorchVersionPy('nothing here')).toBeNull();
  });
  it('reads __version__ and METADATA', () => {
    expect(parseDunderVersion("__version__ = '0.15.2+cu118'\n")).toBe('0.15.2+cu118');
    expect(parseMetadataVersion('Metadata-Version: 2.1\nName: torch\nVersion: 2.0.1+cu118\nSummary: x\n')).toBe('2.0.1+cu118');
  });
  it('reads dist-info folder names', () => {
    expect(parseDistInfoName('torch-2.1.2+cu121.dist-info')).toEqual({ name: 'torch', version: '2.1.2+cu121' });
    expect(parseDistInfoName('nvidia_cudnn_cu12-9.1.0.70.dist-info')).toEqual({ name: 'nvidia-cudnn-cu12', version: '9.1.0.70' });
    expect(parseDistInfoName('torch')).toBeNull();
  });
  it('reads xformers cpp_lib.json (int and string CUDA)', () => {
    expect(parseXformersBuildInfo('{"version": {"torch": "2.1.2+cu121", "cuda": 1201, "python": "3.10.11"}}'))
      .toEqual({ torch: '2.1.2+cu121', cuda: '12.1', python: '3.10.11' });
    expect(parseXformersBuildInfo('{"version": {"torch": "2.0.1+cu118", "cuda": "11.8", "python": "3.10.11"}}'))
      .toEqual({ torch: '2.0.1+cu118', cuda: '11.8', python: '3.10.11' });
    expect(parseXformersBuildInfo('{"torch_version": "2.3.0", "cuda_version": 1180}')).toEqual({ torch: '2.3.0', cuda: '11.8', python: null });
    expect(parseXformersBuildInfo('{"version": {"torch": "2.0.1", "cuda": 1108}}')?.cuda).toBe('11.8');
    expect(parseXformersBuildInfo('nope')).toBeNull();
  });
  it('reads Python versions without starting Python', () => {
    expect(parsePyvenvVersion('home = C:\\Python310\ninclude-system-site-packages = false\nversion = 3.10.11\n')).toBe('3.10.11');
    expect(parsePyvenvVersion('home = /usr\nimplementation = CPython\nversion_info = 3.11.2.final.0\n')).toBe('3.11.2');
    expect(parsePyvenvVersion('home = /usr\n')).toBeNull();
    expect(pythonVersionFromEmbeddedNames(['python.exe', 'python311._pth', 'python3.dll'])).toBe('3.11');
    expect(pythonVersionFromEmbeddedNames(['python310.zip'])).toBe('3.10');
    expect(pythonVersionFromEmbeddedNames(['python3.dll'])).toBeNull();
    expect(pythonVersionFromLibDir('python3.10')).toBe('3.10');
    expect(pythonVersionFromLibDir('site-packages')).toBeNull();
  });
});
