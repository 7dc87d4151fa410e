import { describe, expect, it } from 'vitest';
import { doctorText } from './doctor-text.js';
import { normaliseText } from './normalise.js';

// Kinds of evidence the second batch of real cases (e2e/fixtures/cases 151–220) showed the doctor did not read yet.
// Each test uses a minimal text of that kind, not a fixture.
const report = (text: string, lang: 'en' | 'ja' | 'zh-CN' = 'en') => doctorText(text, lang, {});
const codes = (text: string): string[] => report(text).findings.map((f) => f.code);
const find = (text: string, code: string, lang: 'en' | 'ja' | 'zh-CN' = 'en') => report(text, lang).findings.find((f) => f.code === code);

describe('markdown bold labels (issue templates, ComfyUI "System Information")', () => {
  const block = [
    '## System Information',
    '- **Python Version:** 3.12.9 (main, Feb 12 2025, 14:52:31) [MSC v.1942 64 bit (AMD64)]',
    '- **PyTorch Version:** 2.8.0+cu129',
    '- **Name:** cuda:0 NVIDIA GeForce GTX 1070 : cudaMallocAsync',
  ].join('\n');
  it('reads torch, Python and the GPU from the block and compares them', () => {
    const r = report(block);
    expect(r.extracted.torchVersion).toBe('2.8.0+cu129');
    expect(r.extracted.pythonVersion).toBe('3.12.9');
    expect(r.findings.map((f) => f.code)).toContain('gpu-too-old-for-torch');
  });
  it('leaves code with ** alone', () => {
    expect(normaliseText('return forward_call(*args, **kwargs)')).toBe('return forward_call(*args, **kwargs)');
    expect(normaliseText('**GPU**: RTX 4090')).toBe('GPU: RTX 4090');
  });
});

describe('versions and GPU names in sentences', () => {
  it('takes the torch of "You are running torch X." without the sentence\'s period', () => {
    expect(report('You are running torch 1.13.1+cu117.\nThe program is tested to work with torch 2.0.0.').extracted.torchVersion).toBe('1.13.1+cu117');
  });
  it('reads the China-market "D" models written together or apart', () => {
    for (const text of ['no kernel image on my RTX5090D', 'GPU: NVIDIA GeForce RTX 5090 D']) {
      const gpu = report(text).extracted.gpus[0];
      expect(gpu?.name.replace(/\s/g, ''), text).toMatch(/RTX5090D$/);
      expect(gpu?.computeCapability, text).toBe('12.0');
    }
  });
  it('reads a bare model number at the end of a sentence, not a version number', () => {
    expect(report('CUDA error: no kernel image. Would love to use my 5090.').extracted.gpus.map((g) => g.name)).toEqual(['RTX 5090']);
    expect(report('torch 2.5090.1 on my gpu').extracted.gpus).toEqual([]);
  });
  it('reads "Python version is 3.10.11" (kohya\'s log)', () => {
    expect(report('INFO     Python version is 3.10.11 (tags/v3.10.11:7d4cc5a, Apr  5 2023)').extracted.pythonVersion).toBe('3.10.11');
  });
});

describe('GPU too old / too new', () => {
  it("reads torch's old \"too old\" warning that gives no minimum", () => {
    const f = find('Found GPU0 GeForce GT 630M which is of cuda capability 2.1.\n    PyTorch no longer supports this GPU because it is too old.', 'gpu-too-old-for-torch');
    expect(f?.detail).toContain('2.1');
    expect(f?.detail).not.toContain('?');
  });
  it('takes an untagged torch that hit "no kernel image" as PyPI\'s Linux build, unconfirmed', () => {
    const f = find('RuntimeError: CUDA error: no kernel image is available for execution on the device\nPyTorch version: 1.12.1\nGPU RTX A6000', 'gpu-arch-unsupported');
    expect(f?.unconfirmed).toBe(true);
    expect(f?.detail).toContain('sm_86');
  });
  it('keeps the Pascal reading when the untagged build would run the GPU', () => {
    expect(codes('CUDA error: no kernel image is available for execution on the device\nTorch 2.7.1 dropped Pascal\non a geforce 1070')).toContain('gpu-too-old-for-torch');
  });
});

describe('torchvision built for another CUDA major', () => {
  const text = "RuntimeError: Detected that PyTorch and torchvision were compiled with different CUDA major versions. PyTorch has CUDA Version=12.1 and torchvision has CUDA Version=11.8. Please reinstall the torchvision that matches your PyTorch install.";
  it('is a torchvision mismatch, and says which CUDA each was built for, in every language', () => {
    expect(report(text).extracted.torchCudaVersion).toBe('12.1');
    for (const lang of ['en', 'ja', 'zh-CN'] as const) {
      const f = find(text, 'torchvision-torch-mismatch', lang);
      expect(f?.detail, lang).toContain('11.8');
      expect(f?.detail, lang).toContain('12.1');
    }
  });
});

describe('no NVIDIA GPU: integrated graphics, a machine without a GPU', () => {
  it('integrated Intel graphics alone: no-nvidia-gpu, and no driver advice', () => {
    const c = codes("Error CUDA driver version is insufficient for CUDA runtime version\nI'm using a integrated Intel GPU(iris xe graphics), torch==2.0.0+cu118");
    expect(c).toContain('no-nvidia-gpu');
    expect(c).not.toContain('driver-too-old');
  });
  it('integrated graphics next to an NVIDIA GPU is not a non-NVIDIA machine', () => {
    expect(codes('Intel(R) UHD Graphics 630 and NVIDIA GeForce RTX 3060\nTorch not compiled with CUDA enabled')).not.toContain('no-nvidia-gpu');
  });
  it('the writer saying the machine has no GPU (zh/en), not a tool saying none was detected', () => {
    for (const lang of ['en', 'ja', 'zh-CN'] as const) {
      expect(find('在纯CPU环境下运行时显示"Torch not compiled with CUDA enabled"', 'no-nvidia-gpu', lang)?.detail, lang).toContain('纯CPU环境');
    }
    expect(codes("I don't have a GPU. Torch not compiled with CUDA enabled")).toContain('no-nvidia-gpu');
    expect(codes('Warning: torch.cuda.is_available() returned False.\nThis means that no GPU has been detected.\nRTX 3080\nPyTorch version: 2.0.0+cpu')).not.toContain('no-nvidia-gpu');
  });
});

describe("the app's install step failing on a torch the interpreter cannot take", () => {
  const couldnt = [
    'Python 3.11.1 (tags/v3.11.1:a7a450f, Dec  6 2022, 19:58:39) [MSC v.1934 64 bit (AMD64)]',
    '    run(f\'"{python}" -m {torch_command}\', "Installing torch and torchvision", "Couldn\'t install torch")',
    '  File "C:\\sd\\launch.py", line 49, in run',
    '    raise RuntimeError(message)',
    "RuntimeError: Couldn't install torch.",
    'Command: "C:\\sd\\venv\\Scripts\\python.exe" -m pip install torch==1.12.1+cu113 torchvision==0.13.1+cu113 --extra-index-url https://download.pytorch.org/whl/cu113',
  ].join('\n');
  it('finds the pin below the traceback line that names the message, and the Python it does not support', () => {
    const c = codes(couldnt);
    expect(c).toContain('launcher-pins-torch');
    expect(find(couldnt, 'no-matching-torch-wheel')?.detail).toContain('3.11.1');
  });
  it('a 32-bit Python (its banner wrapped over two lines) can take no torch at all', () => {
    const kohya = 'INFO     Python version is 3.10.11 (tags/v3.10.11:7d4cc5a, Apr  5 2023, 00:20:04) [MSC v.1929 32 bit\n                         (Intel)]\nERROR    Error running pip: install --upgrade torch==2.1.2+cu118 torchvision==0.16.2+cu118';
    for (const lang of ['en', 'ja', 'zh-CN'] as const) {
      expect(find(kohya, 'no-matching-torch-wheel', lang)?.detail, lang).toContain('MSC v.1929 32 bit (Intel)');
    }
  });
  it('says nothing when the interpreter could take the pinned torch', () => {
    expect(codes('Python 3.10.11 (tags/v3.10.11) [MSC v.1929 64 bit (AMD64)]\nERROR    Error running pip: install --upgrade torch==2.1.2+cu118')).not.toContain('no-matching-torch-wheel');
  });
});

// Kinds the third batch (cases 221–250) showed after the second batch was tuned.
describe('third batch: pip wordings, prose requirements, is_available wordings', () => {
  it('reads pip\'s older "but you\'ll have torch X" and the xformers requirement in Chinese prose', () => {
    expect(codes("xformers 0.0.18 requires torch==2.0.0, but you'll have torch 1.12.1 which is incompatible.")).toContain('xformers-torch-mismatch');
    const zh = report('xformers要求0.0.22.post4，但该版本xformers要求torch=2.1.0，我现在安装的torch2.0.1');
    expect(zh.extracted.xformersBuiltForTorch).toBe('2.1.0');
    expect(zh.findings.map((f) => f.code)).toContain('xformers-torch-mismatch');
  });
  it("takes the torch pip leaves behind, not the one it replaced", () => {
    const text = 'Found existing installation: torch 2.3.1+cu121\nUninstalling torch-2.3.1+cu121:\ntorchvision 0.18.1+cu121 requires torch==2.3.1, but you have torch 2.3.0 which is incompatible.';
    expect(report(text).extracted.torchVersion).toBe('2.3.0');
    expect(codes(text)).toContain('torchvision-torch-mismatch');
  });
  it('reads ComfyUI\'s "xformers version:" and the Python of "…, but you have 3.10.16."', () => {
    expect(report('pytorch version: 2.3.1+cu121\nxformers version: 0.0.26.post1').extracted.xformersVersion).toBe('0.0.26.post1');
    expect(report('This program is tested with 3.11.9 Python, but you have 3.10.16.').extracted.pythonVersion).toBe('3.10.16');
  });
  it('reads is_available() False in the wordings people use', () => {
    for (const text of ['torch.cuda.is_available() returning False.', 'torch.cuda.is_available() ---> false', 'torch.cuda.is_available(): False']) {
      expect(codes(text), text).toContain('cuda-unavailable');
    }
    expect(codes('torch.cuda.is_available() returns True')).not.toContain('cuda-unavailable');
  });
  it('reads the old "DLL load failed" under `from torch._C import *`', () => {
    expect(codes('from torch._C import *\nImportError: DLL load failed: The specified module could not be found.')).toContain('torch-dll-load-failed');
  });
});

describe('third batch: a Blackwell GPU that "does not work", machines without an NVIDIA GPU', () => {
  it('a 50xx named with a complaint and no other cause: an unconfirmed gpu-arch-unsupported', () => {
    for (const text of ['I bought a 5080, only to find out ComfyUI does not support the 50XX series?', 'crashes with the new Nvidia RTX 50XX Series']) {
      const f = find(text, 'gpu-arch-unsupported');
      expect(f?.unconfirmed, text).toBe(true);
      expect(f?.detail, text).toContain('12.8');
    }
  });
  it('not when the text shows another cause, or a GPU the builds support', () => {
    expect(codes('my gpu is rtx 5080, it crashes: CUDA out of memory')).not.toContain('gpu-arch-unsupported');
    expect(codes('my RTX 3080 does not work with ComfyUI')).not.toContain('gpu-arch-unsupported');
  });
  it('"a computer without an nvidia graphics card … Intel core graphics (UHD 630)" is a non-NVIDIA machine', () => {
    const c = codes('on a computer without an nvidia graphics card\ntorch 2.0.1+cu118\nonly Intel core graphics (UHD 630)');
    expect(c).toContain('no-nvidia-gpu');
    expect(codes('my computer has an nvidia card and Intel UHD Graphics 630; torch.cuda.is_available() returns False')).not.toContain('no-nvidia-gpu');
  });
});

// Kinds the fourth batch (cases 251–267) showed after the third batch was tuned.
describe('fourth batch', () => {
  it('reads "the torch version reveals 2.0.0+cpu" as the installed torch', () => {
    const r = report('it wont find my gpu (RTX 3060 Ti)\nAlso checking the torch version reveals 2.0.0+cpu');
    expect(r.extracted.torchVersion).toBe('2.0.0+cpu');
    expect(r.findings.map((f) => f.code)).toContain('cpu-only-torch');
  });
  it('"I don\'t have any NVIDIA adapter" is a machine without an NVIDIA GPU, even next to "NVIDIA driver"', () => {
    const c = codes("RuntimeError: Found no NVIDIA driver on your system.\nI am facing this issue related to NVIDIA driver, I don't have any NVIDIA adapter on my laptop since it supports Intel");
    expect(c).toContain('no-nvidia-gpu');
    expect(c).not.toContain('driver-not-installed');
    expect(codes("I don't have any NVIDIA adapter? nvidia-smi shows NVIDIA GeForce RTX 3060")).not.toContain('no-nvidia-gpu');
  });
});

// Kinds the fifth batch (cases 268–301) showed after the fourth batch was tuned.
describe("fifth batch: pip's older conflict wording, a retyped torch DLL error", () => {
  it('"torchvision X has requirement torch==Y, but you\'ll have torch Z" is a torchvision/torch mismatch', () => {
    const text = "ERROR: torchvision 0.9.0 has requirement torch==1.8.0, but you'll have torch 1.12.1 which is incompatible.";
    const f = find(text, 'torchvision-torch-mismatch');
    expect(f?.evidence.join('\n')).toContain('has requirement torch==1.8.0');
    expect(f?.detail).toContain('1.8.0');
    expect(report(text).extracted.torchVersion).toBe('1.12.1');
    for (const lang of ['ja', 'zh-CN'] as const) expect(find(text, 'torchvision-torch-mismatch', lang)?.detail).toContain('torchvision 0.9.0');
  });
  it('pip naming the pair is enough even when neither release is in the knowledge base (nightlies)', () => {
    const text = "ERROR: torchvision 0.8.0.dev20200801 has requirement torch==1.7.0.dev20200731, but you'll have torch 1.7.0.dev20200801 which is incompatible.";
    expect(codes(text)).toContain('torchvision-torch-mismatch');
  });
  it('a conflict that pip resolves to the same release, or one of another package, is not a torchvision mismatch', () => {
    expect(codes("ERROR: torchvision 0.9.0 has requirement torch==1.8.0, but you'll have torch 1.8.0+cu111 which is incompatible.")).not.toContain('torchvision-torch-mismatch');
    expect(codes("ERROR: fastai 1.0.61 has requirement torch>=1.0.0, but you'll have torch 0.4.0 which is incompatible.")).not.toContain('torchvision-torch-mismatch');
  });
  it('"Erro loading “…\\torch\\lib\\fbgemm.dll” or one of its dependencies" (typo, typographic quotes) is a torch DLL failing to load', () => {
    const f = find('Erro loading “C:\\py\\Lib\\site-packages\\torch\\lib\\fbgemm.dll” or one of its dependencies.', 'torch-dll-load-failed');
    expect(f?.title).toBeDefined();
    expect(f?.detail).toContain('fbgemm.dll');
  });
  it('a DLL outside torch named that way is not a torch DLL failure', () => {
    expect(codes('Erro loading “C:\\tools\\foo\\bar.dll” or one of its dependencies.')).not.toContain('torch-dll-load-failed');
  });
});
