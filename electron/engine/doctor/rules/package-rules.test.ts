import { describe, expect, it } from 'vitest';
import { doctorText } from '../doctor-text.js';

const codes = (text: string): string[] => doctorText(text, 'en', {}).findings.map((f) => f.code);
const find = (text: string, code: string) => doctorText(text, 'en', {}).findings.find((f) => f.code === code);

describe('xformers-torch-mismatch', () => {
  const warn = 'WARNING[XFORMERS]: xFormers can\'t load C++/CUDA extensions. xFormers was built for:\n    PyTorch 2.1.2+cu121 with CUDA 1201 (you have 2.3.1+cu121)\n    Python  3.10.11 (you have 3.10.6)';
  it('proposes the xformers that matches the installed torch, with --no-deps', () => {
    const f = find(`${warn}\nLinux`, 'xformers-torch-mismatch');
    expect(f?.fix).toMatch(/--no-deps xformers==0\.0\.27\b/);
  });
  it('is silent when xformers matches', () => {
    expect(codes('xFormers 0.0.23.post1\npytorch.version: 2.1.2+cu121\nbuild.torch_version: 2.1.2+cu121')).not.toContain('xformers-torch-mismatch');
  });
  it('accepts xformers ≥ 0.0.34 on newer torch (stable ABI)', () => {
    expect(codes('xFormers 0.0.34\npytorch.version: 2.11.0+cu128\nbuild.torch_version: 2.10.0+cu128')).not.toContain('xformers-torch-mismatch');
  });
});

describe('torchvision-torch-mismatch', () => {
  it('fires on the custom C++ ops error and on a bad pair', () => {
    expect(codes("RuntimeError: Couldn't load custom C++ ops. This can happen if your PyTorch and torchvision versions are incompatible")).toContain('torchvision-torch-mismatch');
    const f = find('torch==2.1.2+cu121\ntorchvision==0.15.2+cu118', 'torchvision-torch-mismatch');
    expect(f?.fix).toContain('torchvision==0.16.2+cu121');
  });
  it('is silent for a good pair', () => {
    expect(codes('torch==2.1.2+cu121\ntorchvision==0.16.2+cu121')).not.toContain('torchvision-torch-mismatch');
  });
});

describe('no-matching-torch-wheel, torch-too-old-for-app, toolkit-torch-mismatch', () => {
  it('no-matching-torch-wheel names the Python problem when it knows both versions', () => {
    const f = find('Python 3.12.1 (tags/v3.12.1, Dec  7 2023)\nERROR: Could not find a version that satisfies the requirement torch==2.0.1 (from versions: 2.2.0, 2.2.1)\nERROR: No matching distribution found for torch==2.0.1', 'no-matching-torch-wheel');
    expect(f?.detail).toContain('3.12');
    expect(codes('ERROR: No matching distribution found for numpy==9')).not.toContain('no-matching-torch-wheel');
  });
  it('torch-too-old-for-app from A1111\'s version check, only when older', () => {
    expect(find('You are running torch 2.0.1+cu118.\nThe program is tested to work with torch 2.1.2.\nWindows', 'torch-too-old-for-app')?.fix).toContain('torch==2.1.2+cu1');
    expect(codes('You are running torch 2.3.1.\nThe program is tested to work with torch 2.1.2.')).not.toContain('torch-too-old-for-app');
  });
  it('toolkit-torch-mismatch only when compiling', () => {
    expect(codes('The detected CUDA version (12.4) mismatches the version that was used to compile PyTorch (12.1). Please make sure to use the same CUDA versions.')).toContain('toolkit-torch-mismatch');
    expect(codes('Cuda compilation tools, release 12.4, V12.4.99\ntorch 2.5.1+cu121')).not.toContain('toolkit-torch-mismatch');
  });
});

describe('wrong-environment and install-broken', () => {
  it('user site-packages, system Python next to python_embeded', () => {
    expect(codes('Defaulting to user installation because normal site-packages is not writeable')).toContain('wrong-environment');
    expect(codes('C:\\ComfyUI_windows_portable\\python_embeded\\python.exe main.py\nC:\\Users\\me\\AppData\\Local\\Programs\\Python\\Python311\\python.exe -m pip install torch')).toContain('wrong-environment');
    expect(codes('set PYTHON=C:\\Users\\me\\AppData\\Local\\Programs\\Python\\Python310\\python.exe\nC:\\sd\\venv\\Scripts\\python.exe launch.py')).not.toContain('wrong-environment');
  });
  it('reports a missing entry script', () => {
    expect(codes("python.exe: can't open file 'D:\\\\ComfyUI_windows_portable\\\\ComfyUI\\\\main.py': [Errno 2] No such file or directory")).toContain('install-broken');
  });
});
