import { describe, expect, it } from 'vitest';
import { doctorText } from '../doctor-text.js';

const codes = (text: string, env: Record<string, string> = {}): string[] => doctorText(text, 'en', env).findings.map((f) => f.code);
const find = (text: string, code: string, lang: 'en' | 'ja' | 'zh-CN' = 'en') => doctorText(text, lang, {}).findings.find((f) => f.code === code);

describe('driver-too-old', () => {
  it('compares the driver with torch CUDA (cu121 on a 470 driver is an error)', () => {
    const f = find('PyTorch version: 2.1.2+cu121\nNvidia driver version: 470.86\nOS: Ubuntu 22.04', 'driver-too-old');
    expect(f?.severity).toBe('error');
    expect(f?.fix).toMatch(/531\.14|530\.30\.02/);
  });
  it('is a warning under minor-version compatibility and silent when native', () => {
    expect(find('torch 2.5.1+cu124\n| NVIDIA-SMI 546.33  Driver Version: 546.33  CUDA Version: 12.3 |\nWindows', 'driver-too-old')?.severity).toBe('warning');
    expect(codes('PyTorch version: 2.1.2+cu121\nNvidia driver version: 551.61\nOS: Microsoft Windows 11')).not.toContain('driver-too-old');
  });
  it('reads "found version" and offers a build for the driver', () => {
    const f = find('RuntimeError: The NVIDIA driver on your system is too old (found version 11080).', 'driver-too-old');
    expect(f?.detail).toContain('11.8');
    expect(f?.fix).toContain('cu118');
  });
  it('judges pre-11 builds with the legacy table (cu101 on 442.92 is fine)', () => {
    expect(codes('PyTorch version: 1.5.0+cu101\nNvidia driver version: 442.92\nOS: Microsoft Windows 10')).not.toContain('driver-too-old');
    expect(codes('PyTorch version: 1.5.0\nCUDA used to build PyTorch: 10.2\nNvidia driver version: 410.104\nOS: Ubuntu 18.04')).toContain('driver-too-old');
    // the pre-11 minimums now come from cuda-drivers.json (CUDA 10.2 needs 440.33 on Linux; 410.104 runs up to 10.0)
    const f = find('PyTorch version: 1.5.0\nCUDA used to build PyTorch: 10.2\nNvidia driver version: 410.104\nOS: Ubuntu 18.04', 'driver-too-old');
    expect(f?.fix).toContain('440.33');
    expect(f?.detail).toContain('10.0');
  });
  it('uses TORCHLIFT_TORCH_INDEX in commands', () => {
    const r = doctorText('found version 11080', 'en', { TORCHLIFT_TORCH_INDEX: 'http://127.0.0.1:9/whl/' });
    expect(r.findings[0]?.fix).toContain('http://127.0.0.1:9/whl/cu118');
  });
});

describe('driver state from nvidia-smi failures', () => {
  it('maps the three failure texts', () => {
    expect(codes("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.")).toEqual(['driver-not-loaded']);
    expect(codes('Failed to initialize NVML: Driver/library version mismatch\nNVML library version: 550.54')).toEqual(['driver-library-mismatch']);
    expect(codes("'nvidia-smi' is not recognized as an internal or external command,\noperable program or batch file.")).toEqual(['driver-not-installed']);
  });
  it('does not fire on a normal nvidia-smi table', () => {
    expect(codes('| NVIDIA-SMI 550.40.07   Driver Version: 550.40.07   CUDA Version: 12.4 |')).toEqual([]);
  });
  it('collect_env with a CUDA build that sees no GPU and no driver', () => {
    const text = 'PyTorch version: 2.1.0\nCUDA used to build PyTorch: 12.1\nOS: Ubuntu 22.04\nIs CUDA available: False\nGPU models and configuration: Could not collect\nNvidia driver version: Could not collect';
    expect(codes(text)).toContain('driver-not-loaded');
  });
});

describe('no-nvidia-gpu', () => {
  it('recognises ROCm, macOS, CPU wheels and suppresses CUDA advice', () => {
    expect(codes('PyTorch version: 2.3.0+rocm6.0\nTorch not compiled with CUDA enabled')).toEqual(['no-nvidia-gpu']);
    expect(codes('Python 3.10.9 (main, Dec 15 2022) [Clang 14.0.0 (clang-1400.0.29.202)]\nAssertionError: Torch is not able to use GPU')).toEqual(['no-nvidia-gpu']);
    expect(codes('set TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu\nset COMMANDLINE_ARGS=--skip-torch-cuda-test')).toEqual(['no-nvidia-gpu']);
  });
  it('is not triggered by AMD CPUs, Intel CPUs or collect_env "ROCM used to build PyTorch: N/A"', () => {
    const text = 'ROCM used to build PyTorch: N/A\nName: AMD Ryzen 7 9800X3D\nIntel(R) Core(TM) i7-5820K\nGPU 0: NVIDIA GeForce RTX 4080 SUPER';
    expect(codes(text)).not.toContain('no-nvidia-gpu');
  });
  it('speaks Japanese and Chinese', () => {
    expect(find('[Clang 14.0.0 (clang-1400.0.29.202)]', 'no-nvidia-gpu', 'ja')?.detail).toContain('Mac');
    expect(find('HIP runtime version: 5.7.1', 'no-nvidia-gpu', 'zh-CN')?.detail).toContain('AMD 显卡');
  });
});

describe('cpu-only-torch', () => {
  it('fires on +cpu and on "Torch not compiled with CUDA enabled", with a CUDA reinstall command', () => {
    const f = find('torch==2.3.1+cpu\n| NVIDIA-SMI 551.61  Driver Version: 551.61  CUDA Version: 12.4 |', 'cpu-only-torch');
    expect(f?.fix).toMatch(/torch==2\.3\.1\+cu121 .*--index-url https:\/\/download\.pytorch\.org\/whl\/cu121/);
    expect(codes('AssertionError: Torch not compiled with CUDA enabled')).toContain('cpu-only-torch');
  });
  it('stays silent for CUDA builds', () => {
    expect(codes('torch==2.3.1+cu121')).not.toContain('cpu-only-torch');
  });
});

describe('cuda-unavailable and cuda-versions-differ', () => {
  it('reports an unexplained "not able to use GPU" only when nothing else explains it', () => {
    expect(codes('RuntimeError: Torch is not able to use GPU; add --skip-torch-cuda-test to COMMANDLINE_ARGS variable to disable this check')).toEqual(['cuda-unavailable']);
    expect(codes('Torch is not able to use GPU\ntorch 2.1.2+cpu')).not.toContain('cuda-unavailable');
  });
  it('explains three different CUDA numbers', () => {
    const f = find('Cuda compilation tools, release 12.4, V12.4.99\n| NVIDIA-SMI 560.94  Driver Version: 560.94  CUDA Version: 12.6 |\ntorch 2.5.1+cu121', 'cuda-versions-differ');
    expect(f?.severity).toBe('info');
    expect(f?.detail).toMatch(/12\.6.*12\.4.*12\.1/s);
    expect(codes('Cuda compilation tools, release 12.4, V12.4.99')).not.toContain('cuda-versions-differ');
  });
});
