import { describe, expect, it } from 'vitest';
import { normalisePackageName, parsePipPackages } from './pip-list.js';

describe('parsePipPackages', () => {
  it('reads pip list columns (with a location column and CRLF)', () => {
    const text = [
      'Package            Version      Editable project location',
      '------------------ ------------ -------------------------',
      'numpy              1.26.4',
      'torch              2.1.2+cu121',
      'Torch_Vision       0.16.2+cu121',
      'xformers           0.0.23.post1',
      'my.pkg             1.0          C:\\src\\my pkg',
      '',
      '[notice] A new release of pip is available: 23.0.1 -> 24.0',
    ].join('\r\n');
    expect(parsePipPackages(text)).toEqual({
      numpy: '1.26.4',
      torch: '2.1.2+cu121',
      'torch-vision': '0.16.2+cu121',
      xformers: '0.0.23.post1',
      'my-pkg': '1.0',
    });
  });

  it('reads pip freeze with direct references and editables', () => {
    const text = [
      'numpy==1.26.4',
      'torch @ file:///C:/Users/%E5%A4%AA%E9%83%8E/wheels/torch-2.1.2%2Bcu121-cp310-cp310-win_amd64.whl',
      'clip @ git+https://github.com/openai/CLIP.git@d50d76daa670286dd6cacf3bcd80b5e4823fc8e1',
      '-e git+https://github.com/x/taming.git@abc123#egg=taming_transformers',
      'nvidia_cudnn_cu12==8.9.2.26',
      'requests[socks]==2.31.0',
    ].join('\n');
    expect(parsePipPackages(text)).toEqual({
      numpy: '1.26.4',
      torch: '2.1.2+cu121',
      clip: 'git+https://github.com/openai/CLIP.git@d50d76daa670286dd6cacf3bcd80b5e4823fc8e1',
      'taming-transformers': 'git+https://github.com/x/taming.git@abc123',
      'nvidia-cudnn-cu12': '8.9.2.26',
      requests: '2.31.0',
    });
  });

  it('reads collect_env [pip] / [pip3] lines quoted with "> " and ignores [conda] lines', () => {
    const text = '> [pip] numpy==1.19.0\n> [pip3] torch==1.5.0+cu101\n> [conda] mkl   2019.4   245\n';
    expect(parsePipPackages(text)).toEqual({ numpy: '1.19.0', torch: '1.5.0+cu101' });
  });

  it('reads pip show', () => {
    expect(parsePipPackages('Name: xformers\nVersion: 0.0.20\nSummary: XFormers\n')).toEqual({ xformers: '0.0.20' });
  });

  it('does not read prose or "Requirement already satisfied" lines as packages', () => {
    const text = 'Python 3.10.6\nRequirement already satisfied: torch==1.12.1 in ./venv/lib/python3.10/site-packages (1.12.1)\n';
    expect(parsePipPackages(text)).toEqual({});
  });

  it('normalises names per PEP 503', () => {
    expect(normalisePackageName('Nvidia_CUDNN.cu12')).toBe('nvidia-cudnn-cu12');
  });
});
