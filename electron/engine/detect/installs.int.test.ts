import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverInstalls } from './discover.js';
import { readInstall } from './installs.js';
import { cleanEnv, makeTempRoot, writeTree } from './testing/tree.js';

const ctxWin = { env: cleanEnv(), platform: 'windows' as const };
const ctxLinux = { env: cleanEnv(), platform: 'linux' as const };

const TORCH_VERSION_PY = "__version__ = '2.0.1+cu118'\ndebug = False\ncuda: Optional[str] = '11.8'\ngit_version = 'e9ebda29'\n";
const A1111: Record<string, string> = {
  'webui.py': '', 'launch.py': '', 'modules/launch_utils.py': '',
  'webui-user.bat': '@echo off\r\nset PYTHON=\r\nset VENV_DIR=\r\nset COMMANDLINE_ARGS=--xformers --medvram\r\ncall webui.bat\r\n',
  'venv/pyvenv.cfg': 'home = C:\\Python310\ninclude-system-site-packages = false\nversion = 3.10.11\n',
  'venv/Scripts/python.exe': '#!/bin/sh\nexit 0\n',
  'venv/Lib/site-packages/torch/version.py': TORCH_VERSION_PY,
  'venv/Lib/site-packages/torch-2.0.1+cu118.dist-info/METADATA': 'Metadata-Version: 2.1\nName: torch\nVersion: 2.0.1+cu118\n',
  'venv/Lib/site-packages/torch/lib/cudnn64_8.dll': 'FAKE-LIB cudnn 8.7.0',
  'venv/Lib/site-packages/torch/lib/cudnn_cnn_infer64_8.dll': 'FAKE-LIB cudnn 8.7.0',
  'venv/Lib/site-packages/torch/lib/cudart64_110.dll': 'FAKE-LIB cudart 11.8.89',
  'venv/Lib/site-packages/torch/lib/cublasLt64_11.dll': 'FAKE-LIB cublas 11.11.3',
  'venv/Lib/site-packages/torch/lib/torch_cuda.dll': 'not a CUDA library',
  'venv/Lib/site-packages/torchvision-0.15.2+cu118.dist-info/METADATA': 'Name: torchvision\nVersion: 0.15.2+cu118\n',
  'venv/Lib/site-packages/xformers-0.0.20.dist-info/METADATA': 'Name: xformers\nVersion: 0.0.20\n',
  'venv/Lib/site-packages/xformers/cpp_lib.json': JSON.stringify({ version: { torch: '2.0.1+cu118', cuda: 1108, python: '3.10.11' } }),
};

describe('readInstall', () => {
  let root = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => ({ root, cleanup } = await makeTempRoot()));
  afterAll(() => cleanup());

  it('A1111 on Windows layout under an awkward path: kind, launcher, python, torch, xformers, libraries', async () => {
    const dir = path.join(root, 'stable diffusion [A1111] & co', 'stable-diffusion-webui');
    await writeTree(dir, A1111);
    const { install, interpreter } = await readInstall({ dir, ctx: ctxWin });
    expect(install.kind).toBe('a1111');
    expect(install.path).toBe(dir);
    expect(interpreter).toMatchObject({ path: path.join(dir, 'venv', 'Scripts', 'python.exe'), source: 'venv' });
    expect(install.python).toEqual({ path: path.join(dir, 'venv', 'Scripts', 'python.exe'), version: '3.10.11' });
    expect(install.torch).toMatchObject({ version: '2.0.1+cu118', cudaVersion: '11.8', cudaAvailable: null, source: 'files' });
    expect(install.torchvision).toEqual({ version: '0.15.2+cu118' });
    expect(install.xformers).toEqual({ version: '0.0.20', builtForTorch: '2.0.1+cu118', builtForCuda: '11.8', builtForPython: '3.10.11' });
    expect(install.launcher?.commandlineArgs).toEqual(['--xformers', '--medvram']);
    const libs = install.libraries.map((l) => `${l.file}:${l.component}:${l.major}`).sort();
    expect(libs).toEqual(['cublasLt64_11.dll:cublas:11', 'cudart64_110.dll:cudart:11', 'cudnn64_8.dll:cudnn:8', 'cudnn_cnn_infer64_8.dll:cudnn:8']);
    expect(install.libraries[0]?.bytes).toBeGreaterThan(0);
    expect(install.problems).toEqual([]);
  });

  it('VENV_DIR in webui-user.bat points the interpreter elsewhere', async () => {
    const dir = path.join(root, 'venvdir');
    await writeTree(dir, {
      'webui.py': '', 'modules/launch_utils.py': '',
      'webui-user.bat': 'set VENV_DIR=D:\\nowhere\r\nset VENV_DIR=my env\r\n',
      'my env/Scripts/python.exe': '#!/bin/sh\n', 'venv/Scripts/python.exe': '#!/bin/sh\n',
    });
    const { interpreter } = await readInstall({ dir, ctx: ctxWin });
    expect(interpreter).toMatchObject({ path: path.join(dir, 'my env', 'Scripts', 'python.exe'), source: 'launcher-venv' });
  });

  it('venv_dir in webui-user.sh (Linux launcher) is honoured too', async () => {
    const dir = path.join(root, 'venvdir-sh');
    await writeTree(dir, {
      'webui.py': '', 'modules/launch_utils.py': '', 'webui-user.sh': '#!/bin/bash\nvenv_dir="/nonexistent"\nvenv_dir="env 2"\n',
      'env 2/bin/python': '#!/bin/sh\n', 'venv/bin/python': '#!/bin/sh\n',
    });
    const { interpreter } = await readInstall({ dir, ctx: ctxLinux });
    expect(interpreter).toMatchObject({ path: path.join(dir, 'env 2', 'bin', 'python'), source: 'launcher-venv' });
  });

  it('ComfyUI portable: python_embeded, version from python3XX._pth', async () => {
    const dir = path.join(root, 'ComfyUI_windows_portable');
    await writeTree(dir, {
      'python_embeded/python.exe': '#!/bin/sh\n', 'python_embeded/python311._pth': 'python311.zip\n.\nLib/site-packages\n',
      'python_embeded/Lib/site-packages/torch/version.py': "__version__ = '2.1.2+cu121'\ncuda: Optional[str] = '12.1'\n",
      'python_embeded/Lib/site-packages/torch/lib/cudnn_ops_infer64_8.dll': 'x',
      'ComfyUI/main.py': '', 'ComfyUI/comfy/': '', 'run_nvidia_gpu.bat': '.\\python_embeded\\python.exe -s ComfyUI\\main.py\r\n',
    });
    const { install } = await readInstall({ dir, ctx: ctxWin });
    expect(install.kind).toBe('comfyui-portable');
    expect(install.python).toEqual({ path: path.join(dir, 'python_embeded', 'python.exe'), version: '3.11' });
    expect(install.torch?.version).toBe('2.1.2+cu121');
    expect(install.libraries.map((l) => l.file)).toEqual(['cudnn_ops_infer64_8.dll']);
  });

  it('ComfyUI folder inside a portable uses the portable python', async () => {
    const dir = path.join(root, 'ComfyUI_windows_portable', 'ComfyUI');
    const { install } = await readInstall({ dir, ctx: ctxWin });
    expect(install.kind).toBe('comfyui');
    expect(install.python?.path).toBe(path.join(root, 'ComfyUI_windows_portable', 'python_embeded', 'python.exe'));
  });

  it('broken portable (no ComfyUI/main.py) is reported with a problem', async () => {
    const dir = path.join(root, 'broken portable');
    await writeTree(dir, { 'python_embeded/python.exe': '#!/bin/sh\n', 'ComfyUI/comfy/': '' });
    const { install } = await readInstall({ dir, ctx: ctxWin });
    expect(install.kind).toBe('comfyui-portable');
    expect(install.problems?.join(' ')).toMatch(/broken layout/);
  });

  it('Linux ComfyUI with .venv/lib/python3.10 and pip cuDNN', async () => {
    const dir = path.join(root, 'ComfyUI 日本語');
    const site = '.venv/lib/python3.10/site-packages';
    await writeTree(dir, {
      'main.py': '', 'comfy/': '', '.venv/bin/python': '#!/bin/sh\n', '.venv/pyvenv.cfg': 'home = /usr/bin\nversion_info = 3.10.12.final.0\n',
      [`${site}/torch/version.py`]: "__version__ = '2.4.1+cu121'\ncuda: Optional[str] = '12.1'\n",
      [`${site}/nvidia/cudnn/lib/libcudnn.so.9`]: 'x', [`${site}/nvidia/cudnn/lib/libcudnn_cnn.so.9`]: 'x',
      [`${site}/nvidia/cublas/lib/libcublasLt.so.12`]: 'x', [`${site}/nvidia/cudnn/lib/__init__.py`]: '',
      [`${site}/nvidia_cudnn_cu12-9.1.0.70.dist-info/METADATA`]: 'Version: 9.1.0.70\n',
    });
    const { install } = await readInstall({ dir, ctx: ctxLinux });
    expect(install.kind).toBe('comfyui');
    expect(install.python).toEqual({ path: path.join(dir, '.venv', 'bin', 'python'), version: '3.10.12' });
    expect(install.torch).toMatchObject({ version: '2.4.1+cu121', cudaVersion: '12.1', cudnnVersion: '9.1.0' });
    expect(install.libraries.map((l) => `${l.component}${l.major}`).sort()).toEqual(['cublas12', 'cudnn9', 'cudnn9']);
  });

  it('Forge one-click package (webui/ + system/python)', async () => {
    const dir = path.join(root, 'webui_forge_cu121_torch231');
    await writeTree(dir, {
      'webui/webui.py': '', 'webui/modules/launch_utils.py': '', 'webui/modules_forge/': '', 'system/python/python.exe': '#!/bin/sh\n',
      'system/python/python310._pth': '', 'run.bat': '',
    });
    const { install } = await readInstall({ dir, ctx: ctxWin });
    expect(install.kind).toBe('forge');
    expect(install.path).toBe(path.join(dir, 'webui'));
    expect(install.python).toEqual({ path: path.join(dir, 'system', 'python', 'python.exe'), version: '3.10' });
  });

  it('a folder that is not an install, and one that does not exist → unknown with a reason, no crash', async () => {
    const dir = path.join(root, 'Documents');
    await writeTree(dir, { 'notes.txt': 'hi' });
    const r1 = await readInstall({ dir, ctx: ctxWin });
    expect(r1.install.kind).toBe('unknown');
    expect(r1.install.problems?.[0]).toMatch(/not a Stable Diffusion install/);
    const r2 = await readInstall({ dir: path.join(root, 'missing'), ctx: ctxWin });
    expect(r2.install.kind).toBe('unknown');
    expect(r2.install.problems?.[0]).toMatch(/does not exist/);
  });

  it('discovery finds installs two levels deep and does not descend into them', async () => {
    const found: string[] = [];
    await discoverInstalls({ roots: [root], onFound: (d) => found.push(d) });
    const rel = found.map((d) => path.relative(root, d)).sort();
    expect(rel).toEqual(['ComfyUI 日本語', 'ComfyUI_windows_portable', 'broken portable', 'stable diffusion [A1111] & co/stable-diffusion-webui', 'venvdir', 'venvdir-sh', 'webui_forge_cu121_torch231']);
  });
});
