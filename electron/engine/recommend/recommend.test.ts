import { describe, expect, it } from 'vitest';
import { recommend, type RecommendInput } from './recommend.js';

const base: RecommendInput = { platform: 'windows', gpuCc: null, gpuName: null, driverVersion: null, pythonVersion: '3.10.6', app: 'a1111', currentTorch: null };
const run = (over: Partial<RecommendInput>) => recommend({ ...base, ...over });

describe('recommend scenarios', () => {
  it('RTX 4070 + 546.33 Windows + Py3.10 + A1111 1.x → its own tested pair first (2.1.2+cu121 with xformers 0.0.23.post1)', () => {
    const r = run({ gpuName: 'NVIDIA GeForce RTX 4070', driverVersion: '546.33', currentTorch: '2.0.1+cu118' });
    expect(r.status).toBe('ok');
    expect(r.best).toMatchObject({ torch: '2.1.2+cu121', torchvision: '0.16.2+cu121', xformers: '0.0.23.post1', cudaTag: 'cu121', testedByApp: true, driverFit: 'native' });
    expect(r.best?.pipCommand).toEqual([
      'install', 'torch==2.1.2+cu121', 'torchvision==0.16.2+cu121', 'xformers==0.0.23.post1', '--index-url', 'https://download.pytorch.org/whl/cu121',
    ]);
    expect(r.notes[0]).toMatchObject({ code: 'app-tested-pair', params: { app: 'a1111', torch: '2.1.2+cu121' } });
    expect(r.notes[0]?.params.source).toMatch(/^https:\/\/github\.com\/AUTOMATIC1111\//);
    // newer builds inside A1111 1.x's bound (≤ 2.7.x, its dev branch's tested torch) are the alternatives; cu12x
    // builds newer than cu121 run through minor-version compatibility, each with NVIDIA's recommended driver beside it
    expect(r.alternatives.some((a) => a.cudaTag === 'cu126' && a.driverFit === 'minor-compat' && a.recommendedDriver === '560.76')).toBe(true);
    expect(r.alternatives.map((a) => a.torch)).toContain('2.5.1+cu121');
    for (const t of [r.best, ...r.alternatives]) expect(Number(t?.torch.split('.')[1]), t?.torch).toBeLessThanOrEqual(7);
    // at driver 546.33 cu124 builds run through minor-version compatibility (not ruled out), NVIDIA recommending 551.61
    expect(r.alternatives.find((a) => a.cudaTag === 'cu124')).toMatchObject({ driverFit: 'minor-compat', recommendedDriver: '551.61' });
    expect(r.alternatives.every((a) => a.cudaTag !== 'cu130')).toBe(true);
    // builds above the bound are ruled out with the bound's source; cu130 also for the driver
    const over = r.rejected.find((j) => j.target === 'torch 2.11.0+cu128');
    expect(over?.reason).toMatchObject({ code: 'torch-too-new-for-app', params: { app: 'a1111', max: '2.7' } });
    expect(over?.reason.params.source).toContain('github.com/AUTOMATIC1111/stable-diffusion-webui/pull/16972');
    // torch 2.4.0 on Windows is skipped for its known fbgemm.dll problem
    expect([r.best, ...r.alternatives].some((t) => t?.torch.startsWith('2.4.0'))).toBe(false);
    // the app's bounds travel with their sources
    expect(r.appBounds).toMatchObject({ app: 'a1111', min: { torch: '2.1.2', confirmed: true }, max: { torch: '2.7', confirmed: true }, tested: { torch: '2.1.2', xformers: '0.0.23.post1' } });
    // the driver update is said once: as driverUpgrade, and as one note for plain-text hosts
    expect(r.notes.filter((n) => n.code === 'driver-unlocks-newer')).toHaveLength(1);
  });

  it('after a driver update A1111 1.x is never offered a torch newer than its bound (no 2.11)', () => {
    const r = run({ gpuName: 'NVIDIA GeForce RTX 4070', driverVersion: '581.57', currentTorch: '2.1.2+cu121' });
    expect(r.best?.torch).toBe('2.1.2+cu121');
    expect(r.notes.map((n) => n.code)).toContain('already-installed');
    for (const t of [r.best, ...r.alternatives]) expect(t?.torch.startsWith('2.1') || t?.torch.startsWith('2.5') || t?.torch.startsWith('2.6') || t?.torch.startsWith('2.7'), t?.torch).toBe(true);
    expect(r.driverUpgrade).toBeNull();
    // an install already on a newer torch inside the bound is not pushed back to the tested pair
    const newer = run({ gpuName: 'NVIDIA GeForce RTX 4070', driverVersion: '581.57', currentTorch: '2.5.1+cu121' });
    expect(newer.best?.testedByApp).toBeUndefined();
    expect(newer.best?.torch.startsWith('2.7.1')).toBe(true);
    expect(newer.notes.map((n) => n.code)).not.toContain('downgrade');
  });

  it('Forge on the same machine: its tested pair 2.3.1+cu121 with xformers 0.0.27, nothing above torch 2.4', () => {
    const r = run({ gpuName: 'NVIDIA GeForce RTX 4070', driverVersion: '546.33', app: 'forge' });
    expect(r.best).toMatchObject({ torch: '2.3.1+cu121', xformers: '0.0.27', testedByApp: true });
    // torchvision 0.18.x pairing is [3P] in facts.md → shown as unconfirmed, and the card says why
    expect(r.best?.unconfirmed).toBe(true);
    expect(r.best?.unconfirmedWhy?.map((m) => m.key)).toEqual(['ui:diagnosis.recommendation.unconfirmedWhy.torchvision-pairing']);
    for (const t of r.alternatives) expect(['2.2', '2.3', '2.4'].some((v) => t.torch.startsWith(v)), t.torch).toBe(true);
  });

  it('RTX 5070 Ti on Forge (bound 2.4, no Blackwell kernels): the closest build above the bound, unconfirmed with the reason', () => {
    const r = run({ gpuName: 'NVIDIA GeForce RTX 5070 Ti', driverVersion: '572.83', app: 'forge' });
    expect(r.status).toBe('ok');
    expect(r.best?.torch).toBe('2.7.0+cu128');
    expect(r.best?.unconfirmed).toBe(true);
    const why = r.best?.unconfirmedWhy?.find((m) => m.key.endsWith('.above-app-bound'));
    expect(why?.params).toMatchObject({ app: { key: 'ui:scan.kinds.forge' }, max: '2.4' });
    expect(r.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['above-app-bound', 'app-tested-pair-unfit']));
    // the tested pair is ruled out with its reason, not just absent
    expect(r.rejected.find((j) => j.target === 'torch 2.3.1+cu121')?.reason.code).toBe('gpu-too-new');
  });

  it('the trainers get their own bounds and tested pairs (sd-scripts 2.6.0+cu124, OneTrainer 2.12.0, kohya_ss ≤ 2.4)', () => {
    const sds = run({ gpuCc: '8.9', driverVersion: '546.33', app: 'sd-scripts' });
    expect(sds.best).toMatchObject({ torch: '2.6.0+cu124', testedByApp: true });
    expect(sds.appBounds).toMatchObject({ min: { torch: '2.6.0' }, max: { torch: '2.8' } });
    for (const t of sds.alternatives) expect(Number(t.torch.split('.')[1]), t.torch).toBeGreaterThanOrEqual(6);
    const ot = run({ gpuCc: '8.9', driverVersion: '581.57', app: 'onetrainer', pythonVersion: '3.12' });
    expect(ot.best).toMatchObject({ torch: '2.12.0+cu130', testedByApp: true, unconfirmed: true });
    // every doubt behind the badge is named
    expect(ot.best?.unconfirmedWhy?.map((m) => m.key.split('.').pop())).toContain('torch-row');
    const kohya = run({ gpuCc: '8.9', driverVersion: '546.33', app: 'kohya_ss' });
    for (const t of [kohya.best, ...kohya.alternatives]) expect(Number(t?.torch.split('.')[1]), t?.torch).toBeLessThanOrEqual(4);
    const aki = run({ gpuCc: '8.9', driverVersion: '546.33', app: 'aki' });
    expect(aki.best).toMatchObject({ torch: '2.1.2+cu121', testedByApp: true });
    expect(aki.appBounds?.tested?.confirmed).toBe(false);
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
    // A1111's tested pair (cu121) needs more than this driver: ruled out, with the reason
    expect(r.notes.find((n) => n.code === 'app-tested-pair-unfit')?.message).toContain('cu121 needs driver');
    // a native driver unlocks newer builds inside A1111's bound; TorchLift only says so
    expect(r.driverUpgrade?.minDriver).toBe('560.76');
    expect(r.rejected.every((j) => j.reason.code !== 'needs-driver' || j.reason.params.have === '472.12')).toBe(true);
    // below the CUDA 11 family floor nothing runs
    expect(run({ gpuCc: '7.5', gpuName: 'NVIDIA GeForce GTX 1660', driverVersion: '451.48' }).status).toBe('driver-update-needed');
  });

  it('RTX 5070 Ti + 572.83 → a cu128 build (torch ≥ 2.7) with xformers', () => {
    const r = run({ gpuName: 'NVIDIA GeForce RTX 5070 Ti', driverVersion: '572.83' });
    expect(r.status).toBe('ok');
    expect(r.best?.cudaTag).toBe('cu128');
    // the newest inside A1111 1.x's bound (2.7.x), with the xformers built for it
    expect(r.best?.torch).toBe('2.7.1+cu128');
    expect(r.best?.xformers).toBe('0.0.31.post1');
    expect(run({ gpuName: 'NVIDIA GeForce RTX 5070 Ti', driverVersion: '572.83', app: 'unknown' }).best).toMatchObject({ torch: '2.11.0+cu128', xformers: '0.0.35' });
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
    // a no-GPU machine gets no CUDA build and no CPU "upgrade" either: the note says what applies
    const none = run({ currentTorch: '2.1.2+cpu' });
    expect(none).toMatchObject({ status: 'no-nvidia-gpu', best: null, alternatives: [], driverUpgrade: null });
    expect(none.notes).toEqual([expect.objectContaining({ code: 'no-gpu-cpu-torch', params: { torch: '2.1.2+cpu' } })]);
    expect(none.notes[0]?.message).toContain('runs on the CPU');
    const u = run({ gpuName: 'NVIDIA GeForce 8800 GT', driverVersion: '546.33' });
    expect(u.status).toBe('unknown-gpu');
    expect(u.notes[0]?.code).toBe('gpu-cc-unknown');
  });

  it('no driver → driver-update-needed with a note', () => {
    const r = run({ gpuCc: '8.9', driverVersion: null });
    expect(r.status).toBe('driver-update-needed');
    expect(r.notes.map((n) => n.code)).toContain('no-driver');
    expect(r.rejected.find((j) => j.reason.code === 'needs-driver')?.message).toMatch(/none was found/);
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
