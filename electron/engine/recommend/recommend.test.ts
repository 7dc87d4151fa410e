import { describe, expect, it } from 'vitest';
import { recommend, type RecommendInput } from './recommend.js';

const base: RecommendInput = { platform: 'windows', gpuCc: null, gpuName: null, driverVersion: null, pythonVersion: '3.10.6', app: 'a1111', currentTorch: null };
const run = (over: Partial<RecommendInput>) => recommend({ ...base, ...over });

describe('recommend scenarios', () => {
  it('RTX 4070 + 546.33 Windows + Py3.10 + A1111 → newest cu121 build that keeps xformers (2.3.1 + 0.0.27)', () => {
    const r = run({ gpuName: 'NVIDIA GeForce RTX 4070', driverVersion: '546.33', currentTorch: '2.1.2+cu121' });
    // the driver runs cu121 natively; newer cu12x builds run through minor-version compatibility and are offered too,
    // each with NVIDIA's recommended (toolkit) driver beside it
    expect(r.best?.driverFit).toBe('native');
    expect(r.alternatives.some((a) => a.cudaTag === 'cu126' && a.driverFit === 'minor-compat' && a.recommendedDriver === '560.76')).toBe(true);
    expect(r.alternatives.every((a) => a.cudaTag !== 'cu130')).toBe(true);
    expect(r.status).toBe('ok');
    expect(r.best).toMatchObject({ torch: '2.3.1+cu121', torchvision: '0.18.1+cu121', xformers: '0.0.27', cudaTag: 'cu121', minDriver: '531.14' });
    expect(r.best?.indexUrl).toBe('https://download.pytorch.org/whl/cu121');
    expect(r.best?.pipCommand).toEqual([
      'install', 'torch==2.3.1+cu121', 'torchvision==0.18.1+cu121', 'xformers==0.0.27', '--index-url', 'https://download.pytorch.org/whl/cu121',
    ]);
    // torchvision 0.18.x pairing is [3P] in facts.md → shown as unconfirmed, not demoted
    expect(r.best?.unconfirmed).toBe(true);
    // the newer build without xformers is offered, and the trade-off is explained
    expect(r.alternatives.map((a) => a.torch)).toContain('2.5.1+cu121');
    expect(r.notes.map((n) => n.code)).toContain('newer-without-xformers');
    // cu124 / cu130 are rejected for the driver, with data + English text
    const cu130 = r.rejected.find((j) => j.target === 'torch 2.11.0+cu130');
    expect(cu130?.reason).toEqual({ code: 'needs-driver', params: { tag: 'cu130', cuda: '13.0', minDriver: '580', have: '546.33' } });
    expect(cu130?.message).toBe('cu130 needs driver ≥ 580; you have 546.33');
    // torch 2.4.0 on Windows is skipped for its known fbgemm.dll problem
    expect([r.best, ...r.alternatives].some((t) => t?.torch.startsWith('2.4.0'))).toBe(false);
    expect(r.driverUpgrade).toMatchObject({ minDriver: '570.65', cuda: '12.8' });
  });

  it('ComfyUI on the same machine takes the newest confirmed build and adds torchaudio', () => {
    const r = run({ gpuName: 'NVIDIA GeForce RTX 4070', driverVersion: '546.33', app: 'comfyui' });
    expect(r.best?.torch).toBe('2.7.1+cu118');
    expect(r.best?.torchaudio).toBe('2.7.1+cu118');
    expect(r.best?.pipCommand).toContain('torchaudio==2.7.1+cu118');
  });

  it('GTX 1660 + 472.12 (CUDA 11.4) → a cu118 build through minor-version compatibility (from 452.39), never touching the driver', () => {
    const r = run({ gpuCc: '7.5', gpuName: 'NVIDIA GeForce GTX 1660', driverVersion: '472.12' });
    expect(r.status).toBe('ok');
    expect(r.best?.cudaTag).toBe('cu118');
    // "works" (Table 2) versus "NVIDIA's recommended driver" (Table 3) are both on the target
    expect(r.best).toMatchObject({ driverFit: 'minor-compat', recommendedDriver: '520.06' });
    expect(r.best?.xformers).not.toBeNull();
    // a native driver unlocks the newest builds; TorchLift only says so
    expect(r.driverUpgrade?.minDriver).toBe('570.65');
    expect(r.rejected.every((j) => j.reason.code !== 'needs-driver' || j.reason.params.have === '472.12')).toBe(true);
    // below the CUDA 11 family floor nothing runs
    expect(run({ gpuCc: '7.5', gpuName: 'NVIDIA GeForce GTX 1660', driverVersion: '451.48' }).status).toBe('driver-update-needed');
  });

  it('RTX 5070 Ti + 572.83 → a cu128 build (torch ≥ 2.7) with xformers', () => {
    const r = run({ gpuName: 'NVIDIA GeForce RTX 5070 Ti', driverVersion: '572.83' });
    expect(r.status).toBe('ok');
    expect(r.best?.cudaTag).toBe('cu128');
    expect(r.best?.torch).toBe('2.11.0+cu128');
    expect(r.best?.xformers).toBe('0.0.35');
    // no build older than 2.7 or without sm_120 is offered, not even through compute_37 PTX
    for (const t of [r.best, ...r.alternatives]) expect(t?.cudaTag === 'cu128' || t?.cudaTag === 'cu129' || t?.cudaTag === 'cu130').toBe(true);
    expect(r.rejected.find((j) => j.target === 'torch 2.12.0+cu126')?.reason.code).toBe('gpu-too-new');
  });

  it('GTX 1070 on a new Linux driver stays on cu126 (Pascal dropped from cu128+)', () => {
    const r = run({ platform: 'linux', gpuName: 'NVIDIA GeForce GTX 1070', driverVersion: '580.95.05', pythonVersion: '3.12.3', app: 'comfyui', currentTorch: '2.9.1+cu128' });
    expect(r.best?.cudaTag).toBe('cu126');
    expect(r.rejected.find((j) => j.target === 'torch 2.11.0+cu128')?.reason).toMatchObject({ code: 'gpu-too-old', params: { lowest: 'sm_75' } });
  });

  it('Python outside the range rejects the build', () => {
    const r = run({ platform: 'linux', gpuCc: '8.6', driverVersion: '580.95.05', pythonVersion: '3.8.10', app: 'unknown' });
    expect(r.best?.torch.startsWith('2.4.1')).toBe(true);
    expect(r.rejected.some((j) => j.reason.code === 'python-unsupported' && j.reason.params.min === '3.9')).toBe(true);
  });

  it('no GPU / macOS → no-nvidia-gpu; unknown name → unknown-gpu', () => {
    expect(run({ driverVersion: '546.33' }).status).toBe('no-nvidia-gpu');
    expect(run({ platform: 'macos', gpuName: 'Apple M2' }).status).toBe('no-nvidia-gpu');
    const u = run({ gpuName: 'NVIDIA GeForce 8800 GT', driverVersion: '546.33' });
    expect(u.status).toBe('unknown-gpu');
    expect(u.notes[0]?.code).toBe('gpu-cc-unknown');
  });

  it('no driver → driver-update-needed with a note', () => {
    const r = run({ gpuCc: '8.9', driverVersion: null });
    expect(r.status).toBe('driver-update-needed');
    expect(r.notes.map((n) => n.code)).toContain('no-driver');
    expect(r.rejected[0]?.message).toMatch(/none was found/);
  });

  it('honours torchIndexBase and reports downgrades / already-installed', () => {
    const r = run({ gpuCc: '8.9', driverVersion: '546.33', torchIndexBase: 'http://127.0.0.1:8080/whl/', currentTorch: '2.5.1+cu121' });
    expect(r.best?.indexUrl).toBe('http://127.0.0.1:8080/whl/cu121');
    expect(r.notes.map((n) => n.code)).toContain('downgrade');
    const same = run({ gpuCc: '8.9', driverVersion: '546.33', currentTorch: '2.3.1+cu121' });
    expect(same.notes.map((n) => n.code)).toContain('already-installed');
  });

  it('a GPU CC from an unconfirmed name row marks the result unconfirmed', () => {
    const r = run({ gpuName: 'NVIDIA GeForce RTX 3060', driverVersion: '572.83' });
    expect(r.unconfirmed).toBe(true);
    expect(r.notes.some((n) => n.code === 'unconfirmed-data' && n.params.what === 'gpu')).toBe(true);
  });

  it('Windows cu130 rests on the unconfirmed Windows 13.x driver minimum and is ranked after cu128', () => {
    const r = run({ gpuCc: '8.9', driverVersion: '581.57', app: 'unknown' });
    expect(r.best?.torch).toBe('2.11.0+cu128');
    expect(r.alternatives.find((a) => a.cudaTag === 'cu130')?.unconfirmed).toBe(true);
  });

  it('pre-11 drivers (unconfirmed CUDA 9.0–10.2 rows): only cu102 builds of the listed torch releases, marked unconfirmed', () => {
    const old = run({ gpuCc: '6.1', driverVersion: '418.96', app: 'unknown' });
    expect(old.status).toBe('driver-update-needed');
    expect(old.best).toBeNull();
    const r = run({ gpuCc: '6.1', driverVersion: '441.22', app: 'unknown' });
    expect(r.best).toMatchObject({ torch: '1.12.1+cu102', minDriver: '441.22', unconfirmed: true });
    expect(r.best?.pipCommand).toContain('--index-url');
    // A1111 needs a newer torch than any build this driver runs
    expect(run({ gpuCc: '6.1', driverVersion: '441.22' }).status).toBe('driver-update-needed');
  });
});
