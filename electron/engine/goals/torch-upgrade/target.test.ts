import { describe, expect, it } from 'vitest';
import type { DetectReport, Install } from '../../../../shared/schemas/detect.js';
import type { Msg } from '../../../../shared/i18n/message.js';
import { textIn } from '../../i18n/engine-text.js';
import { say, t } from '../../i18n/translate.js';
import { sourceFor } from './plan.js';
import { chooseTarget, chooseXformers } from './target.js';

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
    const last = textIn('en', c.notes.at(-1) ?? '');
    expect(last).toContain('AUTOMATIC1111 WebUI is known to run torch up to 2.7.x');
    expect(last).toContain('github.com/AUTOMATIC1111/stable-diffusion-webui/pull/16972');
    // The note is a message: the same plan reads in Japanese, the app named in Japanese wording too.
    expect(textIn('ja', c.notes.at(-1) ?? '')).toContain('2.7.x までです');
    // inside the bound: no such note
    expect(chooseTarget({ report, install, env: {}, torch: '2.5.1+cu121', lang: 'en' }).notes.map((n) => textIn('en', n)).join(' ')).not.toContain('known to run torch up to');
  });
});

/** A message rendered in `lang`, checked to be the catalog's own text there (not the English fallback). */
function inLang(lang: 'ja' | 'zh-CN', m: Msg | null | undefined): string {
  expect(m).toBeTruthy();
  const text = say(lang, m as Msg);
  expect(text).not.toBe(say('en', m as Msg));
  return text;
}

describe('torch-upgrade plan texts travel as messages (issue 10 item 6)', () => {
  it('a plan made in English carries messages that render in ja and zh-CN from the catalogs', () => {
    const c = chooseTarget({ report, install, env: {}, torch: null, lang: 'en' });
    expect(c.why).toBe(t('en', 'torch-upgrade:why.recommended'));
    expect(inLang('ja', c.whyMsg)).toBe(t('ja', 'torch-upgrade:why.recommended'));
    expect(inLang('zh-CN', c.whyMsg)).toBe(t('zh-CN', 'torch-upgrade:why.recommended'));
    // Options: each note's message renders to the catalog text (with its xformers version) in ja / zh-CN.
    const withXf = c.alternatives.find((a) => a.noteMsg?.key === 'torch-upgrade:option.withXformers');
    expect(withXf).toBeDefined();
    const xformers = String(withXf?.noteMsg?.params?.xformers);
    expect(inLang('ja', withXf?.noteMsg)).toBe(t('ja', 'torch-upgrade:option.withXformers', { xformers }));
    expect(inLang('zh-CN', withXf?.noteMsg)).toBe(t('zh-CN', 'torch-upgrade:option.withXformers', { xformers }));
    // Builds ruled out (reason codes of the recommendation): ui.json's reason texts, not the engine's English.
    expect(c.rejected.length).toBeGreaterThan(0);
    for (const r of c.rejected.filter((x) => x.noteMsg)) {
      expect(r.noteMsg?.key).toMatch(/^ui:diagnosis\.recommendation\.reasons\./);
      expect(inLang('ja', r.noteMsg)).not.toMatch(/needs driver|has no kernels|dropped your GPU/);
    }
    expect(c.rejected.some((x) => x.noteMsg)).toBe(true);
  });

  it('the xformers reason and the source label are messages too', () => {
    const c = chooseTarget({ report, install, env: {}, torch: '2.9.1+cu126', lang: 'en' });
    const target = c.target;
    expect(target).not.toBeNull();
    if (target === null) return;
    const xf = chooseXformers({ asked: null, current: '0.0.20', target: { ...target, xformers: null }, lang: 'en', launcherWantsXformers: false });
    expect(xf.action).toBe('drop');
    expect(inLang('ja', xf.reason)).toBe(t('ja', 'torch-upgrade:xformers.dropped', { torch: target.torch }));
    expect(inLang('zh-CN', xf.reason)).toBe(t('zh-CN', 'torch-upgrade:xformers.dropped', { torch: target.torch }));
    const src = sourceFor({ input: { app: 'C:\\sd\\webui', source: { kind: 'mirror', name: 'nju' } }, env: {}, variant: 'cu126', lang: 'en' });
    expect('shown' in src).toBe(true);
    if (!('shown' in src)) return;
    expect(src.shown.label).toBe(say('en', src.shown.labelMsg as Msg));
    expect(inLang('ja', src.shown.labelMsg)).toMatch(/^ミラー /);
    expect(inLang('zh-CN', src.shown.labelMsg)).toBe(t('zh-CN', 'torch-upgrade:source.mirror', { name: String(src.shown.labelMsg?.params?.name) }));
  });
});
