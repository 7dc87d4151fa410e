import { describe, expect, it } from 'vitest';
import { doctorText } from '../doctor-text.js';

const codes = (text: string): string[] => doctorText(text, 'en', {}).findings.map((f) => f.code);
const find = (text: string, code: string) => doctorText(text, 'en', {}).findings.find((f) => f.code === code);

describe('gpu-arch-unsupported', () => {
  it('reads the sm_120 warning and proposes a build with sm_120', () => {
    const text = 'NVIDIA GeForce RTX 5080 with CUDA capability sm_120 is not compatible with the current PyTorch installation.\nThe current PyTorch install supports CUDA capabilities sm_50 sm_60 sm_61 sm_70 sm_75 sm_80 sm_86 sm_90.\nWindows';
    const f = find(text, 'gpu-arch-unsupported');
    expect(f?.detail).toContain('sm_120');
    expect(f?.fix).toMatch(/cu12[89]|cu13\d/);
  });
  it('honours the driver ceiling when proposing a build', () => {
    const f = find('NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible\n| NVIDIA-SMI 572.83  Driver Version: 572.83  CUDA Version: 12.8 |', 'gpu-arch-unsupported');
    expect(f?.fix).toContain('cu128');
  });
  it('uses the knowledge base for a known torch build and GPU (cu124 on an RTX 5070 Ti)', () => {
    expect(codes('torch 2.5.1+cu124\nGPU 0: NVIDIA GeForce RTX 5070 Ti\nOS: Ubuntu 24.04')).toContain('gpu-arch-unsupported');
  });
  it('treats "no kernel image" on Blackwell as unsupported, not on an RTX 3060 without more facts', () => {
    expect(codes('RuntimeError: CUDA error: no kernel image is available for execution on the device\nGPU: RTX 5090')).toContain('gpu-arch-unsupported');
    expect(codes('RuntimeError: CUDA error: no kernel image is available for execution on the device\nGPU: RTX 3060')).not.toContain('gpu-arch-unsupported');
  });
});

describe('gpu-too-old-for-torch', () => {
  it('flags Pascal on cu128 and proposes cu126', () => {
    const f = find('torch 2.8.0+cu128\nGPU 0: NVIDIA GeForce GTX 1080\nOS: Ubuntu 22.04', 'gpu-too-old-for-torch');
    expect(f?.fix).toContain('cu126');
  });
  it('reads torch\'s own "too old" message', () => {
    const text = 'Found GPU0 NVIDIA GeForce GTX 1060 which is of cuda capability 6.1.\n    PyTorch no longer supports this GPU because it is too old.\n    The minimum cuda capability supported by this library is 7.5.';
    expect(find(text, 'gpu-too-old-for-torch')?.detail).toContain('7.5');
  });
  it('stays silent for Pascal on cu126', () => {
    expect(codes('torch 2.7.0+cu126\nGPU 0: NVIDIA GeForce GTX 1070\nOS: Microsoft Windows 10')).not.toContain('gpu-too-old-for-torch');
  });
});

describe('torch-dll-load-failed', () => {
  const en = 'OSError: [WinError 126] The specified module could not be found. Error loading "C:\\sd\\venv\\lib\\site-packages\\torch\\lib\\c10.dll" or one of its dependencies.';
  it('reads English, French and Chinese Windows messages', () => {
    expect(find(en, 'torch-dll-load-failed')?.detail).toContain('c10.dll');
    const fr = 'OSError: [WinError 126] Le module spécifié est introuvable. Error loading "D:\\IA\\ComfyUI_windows_portable\\python_embeded\\Lib\\site-packages\\torch\\lib\\fbgemm.dll" or one of its dependencies.';
    const fbgemm = find(fr, 'torch-dll-load-failed');
    expect(fbgemm?.detail).toContain('libomp140');
    const zh = 'OSError: [WinError 126] 找不到指定的模块。 Error loading "E:\\稳定扩散\\sd-webui-aki-v4\\py310\\lib\\site-packages\\torch\\lib\\shm.dll" or one of its dependencies.';
    expect(doctorText(zh, 'zh-CN', {}).findings.find((f) => f.code === 'torch-dll-load-failed')?.detail).toContain('shm.dll');
    expect(codes('ImportError: DLL load failed while importing _C: 指定されたモジュールが見つかりません。\n  File "C:\\a\\venv\\lib\\site-packages\\torch\\__init__.py"')).toContain('torch-dll-load-failed');
  });
  it('ignores WinError 126 from other packages', () => {
    expect(codes('OSError: [WinError 126] The specified module could not be found. Error loading "C:\\x\\site-packages\\onnxruntime\\capi\\onnxruntime.dll"')).not.toContain('torch-dll-load-failed');
  });
});

describe('cuDNN rules', () => {
  it('cudnn-dll-missing for a cuDNN 8 DLL, plus cudnn-major-mismatch with a torch that ships 9', () => {
    const text = 'Could not locate cudnn_ops_infer64_8.dll. Please make sure it is in your library path!\ntorch==2.5.1+cu124';
    expect(codes(text)).toEqual(expect.arrayContaining(['cudnn-dll-missing', 'cudnn-major-mismatch']));
    expect(codes('Could not locate cudnn_ops_infer64_8.dll. Please make sure it is in your library path!\ntorch==2.1.2+cu121')).not.toContain('cudnn-major-mismatch');
  });
  it('reads Linux .so failures and torch\'s cuDNN incompatibility message', () => {
    expect(codes('Could not load library libcudnn_cnn_infer.so.8. Error: libcudnn_cnn_infer.so.8: cannot open shared object file')).toContain('cudnn-dll-missing');
    expect(codes('RuntimeError: cuDNN version incompatibility: PyTorch was compiled  against (8, 9, 2) but found runtime version (9, 1, 0).')).toContain('cudnn-major-mismatch');
  });
  it('mentions brackets in the install path', () => {
    expect(find('Could not locate cudnn_cnn_infer64_8.dll.\nC:\\AI\\[forge]\\webui\\venv', 'cudnn-dll-missing')?.fix).toContain('[ ]');
  });
});
