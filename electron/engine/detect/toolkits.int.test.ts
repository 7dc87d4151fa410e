import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectToolkits } from './toolkits.js';
import { cleanEnv, makeTempRoot, writeTree } from './testing/tree.js';

const CUDNN_897 = '#define CUDNN_MAJOR 8\n#define CUDNN_MINOR 9\n#define CUDNN_PATCHLEVEL 7\n#define CUDNN_VERSION (CUDNN_MAJOR * 1000 + CUDNN_MINOR * 100 + CUDNN_PATCHLEVEL)\n';
const NVCC_124 = `#!/bin/sh
echo 'nvcc: NVIDIA (R) Cuda compiler driver'
echo 'Cuda compilation tools, release 12.4, V12.4.99'
echo 'Build cuda_12.4.r12.4/compiler.33961263_0'
`;

describe('detectToolkits', () => {
  let root = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => ({ root, cleanup } = await makeTempRoot()));
  afterAll(() => cleanup());

  it('finds the real /usr/local/cuda-13.0 (version from dist-info names) when present', async () => {
    const env = { ...process.env };
    delete env.TORCHLIFT_SYSTEM_ROOT;
    const toolkits = await detectToolkits({ env, platform: 'linux' });
    const real = toolkits.find((t) => fs.realpathSync(t.path) === '/usr/local/cuda-13.0');
    if (fs.existsSync('/usr/local/cuda-13.0/bin/nvcc')) {
      expect(real).toMatchObject({ version: '13.0', nvcc: true, fullVersion: 'V13.0.88' });
      expect(real?.foundBy).toContain('default-location');
      // /usr/local/cuda → cuda-13.0 is the same toolkit: reported once.
      expect(toolkits.filter((t) => fs.realpathSync(t.path) === '/usr/local/cuda-13.0')).toHaveLength(1);
    } else {
      expect(real).toBeUndefined();
    }
  });

  it('windows: CUDA_PATH + CUDA_PATH_V12_1 + Program Files folder merge into one toolkit with cuDNN', async () => {
    const sys = path.join(root, 'win');
    const v121 = path.join(sys, 'Program Files', 'NVIDIA GPU Computing Toolkit', 'CUDA', 'v12.1');
    await writeTree(sys, {
      'Program Files/NVIDIA GPU Computing Toolkit/CUDA/v12.1/version.json': JSON.stringify({ cuda: { name: 'CUDA SDK', version: '12.1.1' }, cuda_nvcc: { version: '12.1.105' } }),
      'Program Files/NVIDIA GPU Computing Toolkit/CUDA/v12.1/bin/nvcc.exe': '#!/bin/sh\nexit 1\n',
      'Program Files/NVIDIA GPU Computing Toolkit/CUDA/v12.1/bin/cudnn64_8.dll': 'x',
      'Program Files/NVIDIA GPU Computing Toolkit/CUDA/v12.1/bin/cudnn_ops_infer64_8.dll': 'x',
      'Program Files/NVIDIA GPU Computing Toolkit/CUDA/v12.1/include/cudnn_version.h': CUDNN_897,
      'Program Files/NVIDIA GPU Computing Toolkit/CUDA/v11.0/version.txt': 'CUDA Version 11.0.228\n',
      'Program Files/NVIDIA GPU Computing Toolkit/CUDA/v11.0/bin/nvcc.exe': '#!/bin/sh\nexit 1\n',
    });
    const env = cleanEnv({
      TORCHLIFT_SYSTEM_ROOT: sys, CUDA_PATH: v121, CUDA_PATH_V12_1: v121, CUDA_PATH_V10_2: path.join(sys, 'gone'),
    });
    const toolkits = await detectToolkits({ env, platform: 'windows' });
    expect(toolkits.map((t) => t.version).sort()).toEqual(['11.0', '12.1']);
    const t121 = toolkits.find((t) => t.version === '12.1');
    expect(t121).toMatchObject({ path: v121, nvcc: true, fullVersion: 'V12.1.105', cudnn: { version: '8.9.7', path: path.join(v121, 'bin') } });
    expect(t121?.foundBy).toEqual(['CUDA_PATH', 'CUDA_PATH_V12_1', 'default-location']);
    expect(toolkits.find((t) => t.version === '11.0')).toMatchObject({ fullVersion: '11.0.228', cudnn: null });
  });

  it('linux: /usr/local/cuda link + cuda-12.4 found once; nvcc --version only when no file answers; nvcc on PATH', async () => {
    const sys = path.join(root, 'linux');
    await writeTree(sys, {
      'usr/local/cuda-12.4/bin/nvcc': NVCC_124,
      'usr/local/cuda-12.4/include/cuda_runtime.h': '// header\n',
      'usr/local/cuda-12.4/lib64/libcudnn.so.9': 'x',
      'opt/other/bin/': '',
    });
    await fsp.symlink(path.join(sys, 'usr/local/cuda-12.4'), path.join(sys, 'usr/local/cuda'));
    const env = cleanEnv({ TORCHLIFT_SYSTEM_ROOT: sys, PATH: `${path.join(sys, 'usr/local/cuda/bin')}:/usr/bin:/bin` });
    const toolkits = await detectToolkits({ env, platform: 'linux' });
    expect(toolkits).toHaveLength(1);
    expect(toolkits[0]).toMatchObject({
      version: '12.4', fullVersion: 'V12.4.99', nvcc: true, path: path.join(sys, 'usr/local/cuda-12.4'),
      cudnn: { version: '9', path: path.join(sys, 'usr/local/cuda-12.4/lib64') },
    });
    expect(toolkits[0]?.foundBy).toEqual(['default-location', 'PATH']);
  });

  it('a folder with only a bin/nvcc wrapper (like /usr/local/bin) is not a toolkit', async () => {
    const sys = path.join(root, 'wrapper');
    await writeTree(sys, { 'prefix/bin/nvcc': NVCC_124 });
    const env = cleanEnv({ TORCHLIFT_SYSTEM_ROOT: sys, PATH: `${path.join(sys, 'prefix/bin')}:/usr/bin:/bin` });
    expect(await detectToolkits({ env, platform: 'linux' })).toEqual([]);
  });
});
