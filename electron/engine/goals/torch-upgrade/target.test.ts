import { describe, expect, it } from 'vitest';
import type { DetectReport, Install } from '../../../../shared/schemas/detect.js';
import { chooseTarget } from './target.js';

const install: Install = {
  kind: 'a1111', path: 'C:\\sd\\webui', python: { path: 'C:\\sd\\webui\\venv\\Scripts\\python.exe', version: '3.10.11' },
  torch: { version: '2.0.1+cu118', cudaVersion: '11.8', cudnnVersion: '8.7.0', cudaAvailable: true, archList: [] },
  torchvision: { version: '0.15.2+cu118' }, xformers: { version: '0.0.20', builtForTorch: '2.0.1+cu118' }, libraries: [],
};
const report: DetectReport = {
  schemaVersion: 1, platform: 'windows', gpus: [{ index: 0, name: 'NVIDIA GeForce RTX 4070', memoryTotalMiB: 12282, computeCapability: '8.9' }],
  driver: { status: 'ok', version: '546.33', maxCudaVersion: '12.3', message: '' }, toolkits: [], installs: [install], findings: [],
};

describe('chooseTarget: the upgrade wizard follows the app bounds (issue 9)', () => {
  it('without --torch: the app\'s own tested pair, as the card offers it', () => {
    const c = chooseTarget({ report, install, env: {}, torch: null, lang: 'en' });
    expect(c.target).toMatchObject({ torch: '2.1.2+cu121', xformers: '0.0.23.post1', testedByApp: true });
  });

  it('--torch above the app\'s bound: installed as asked, with the bound and its source said (en, ja)', () => {
    const c = chooseTarget({ report, install, env: {}, torch: '2.9.1+cu126', lang: 'en' });
    expect(c.target?.torch).toBe('2.9.1+cu126');
    expect(c.notes.at(-1)).toContain('AUTOMATIC1111 WebUI is known to run torch up to 2.7.x');
    expect(c.notes.at(-1)).toContain('github.com/AUTOMATIC1111/stable-diffusion-webui/pull/16972');
    const ja = chooseTarget({ report, install, env: {}, torch: '2.9.1+cu126', lang: 'ja' });
    expect(ja.notes.at(-1)).toContain('2.7.x までです');
    // inside the bound: no such note
    expect(chooseTarget({ report, install, env: {}, torch: '2.5.1+cu121', lang: 'en' }).notes.join(' ')).not.toContain('known to run torch up to');
  });
});
