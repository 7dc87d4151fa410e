import { describe, expect, it } from 'vitest';
import { RECOMMEND_REASON_CODES, type RecommendNote } from '../../shared/schemas/recommend.js';
import en from '../../resources/locales/en/ui.json';
import ja from '../../resources/locales/ja/ui.json';
import zhCN from '../../resources/locales/zh-CN/ui.json';
import { rtx4070Recommendation, rtx4070Report } from '../../e2e/support/fixtures/rtx4070-report.js';
import { REASON_CONTEXTS, REASON_PARAMS, reasonKey, recommendationFor, recommendationView } from './recommendation.js';

describe('recommendationView (the engine\'s typed recommendation as the card shows it)', () => {
  it('shows the best build, the alternatives and the rejections with their codes', () => {
    const view = recommendationView(rtx4070Recommendation);
    expect(view.status).toBe('ok');
    expect(view.best?.torch).toBe('2.3.1+cu121');
    expect(view.best?.cudaTag).toBe('cu121 (CUDA 12.1)');
    expect(view.best?.pipCommand).toEqual(rtx4070Recommendation.best?.pipCommand);
    expect(view.alternatives.map((a) => a.torch)).toEqual(['2.5.1+cu121']);
    expect(view.driverUpgrade).toBeNull();
    expect(view.rejected).toEqual([{ target: 'torch 2.9.1+cu130', reason: 'cu130 needs driver ≥ 580; you have 546.33', code: 'needs-driver', params: { cuda: '13.0', minDriver: '580', have: '546.33', tag: 'cu130' } }]);
    expect(view.notes).toEqual([{ text: 'torch 2.5.1+cu121 is newer but has no Windows xformers wheel for cu121.', code: 'newer-without-xformers', params: {} }]);
  });

  it('shows the driver that would unlock a better build', () => {
    const target = { ...rtx4070Recommendation.best!, torch: '2.1.2+cu118', cuda: '11.8', cudaTag: 'cu118' };
    const view = recommendationView({ ...rtx4070Recommendation, status: 'driver-update-needed', best: null, driverUpgrade: { minDriver: '520.06', cuda: '11.8', target, smallest: null } });
    expect(view.driverUpgrade).toEqual({ minDriver: '520.06', cuda: '11.8', torch: '2.1.2+cu118' });
    expect(view.best).toBeNull();
  });

  it('says the driver update once (its own line, not again among the notes) and keeps the other notes', () => {
    const upgrade = { minDriver: '560.76', cuda: '12.6', target: { ...rtx4070Recommendation.best!, torch: '2.7.1+cu126' }, smallest: null };
    const notes: RecommendNote[] = [
      { code: 'driver-unlocks-newer', params: { minDriver: '560.76', cuda: '12.6', torch: '2.7.1+cu126' }, message: 'a driver ≥ 560.76 …' },
      { code: 'already-installed', params: { torch: '2.1.2+cu121' }, message: 'x' },
    ];
    const view = recommendationView({ ...rtx4070Recommendation, notes, driverUpgrade: upgrade });
    expect(view.driverUpgrade?.minDriver).toBe('560.76');
    expect(view.notes.map((n) => n.code)).toEqual(['already-installed']);
    // without a driverUpgrade line the note is the only place it is said, so it stays
    expect(recommendationView({ ...rtx4070Recommendation, notes, driverUpgrade: null }).notes.map((n) => n.code)).toEqual(['driver-unlocks-newer', 'already-installed']);
  });

  it('shows why a target is unconfirmed, whether it is the app\'s tested pair, and the app bounds with sources', () => {
    const why = { key: 'ui:diagnosis.recommendation.unconfirmedWhy.torchvision-pairing', params: { torch: '2.3.1', torchvision: '0.18.1' } };
    const appBounds = { app: 'forge', min: { torch: '2.1.0', source: 'https://github.com/x', confirmed: true }, max: { torch: '2.4', source: 'https://github.com/y', confirmed: false }, tested: { torch: '2.3.1', cudaTags: ['cu121'], xformers: '0.0.27', source: 's', confirmed: true } };
    const best = { ...rtx4070Recommendation.best!, unconfirmed: true, unconfirmedWhy: [why], testedByApp: true, driverFit: 'native' as const, recommendedDriver: '531.14' };
    const view = recommendationView({ ...rtx4070Recommendation, best, appBounds });
    expect(view.best).toMatchObject({ unconfirmedWhy: [why], testedByApp: true, driverFit: 'native', recommendedDriver: '531.14', cuda: '12.1' });
    expect(view.appBounds).toEqual(appBounds);
    expect(recommendationView(rtx4070Recommendation).appBounds).toBeNull();
    expect(recommendationView(rtx4070Recommendation).best).toMatchObject({ unconfirmedWhy: [], testedByApp: false });
  });

  it('has a text for every doubt the engine names, in en, ja and zh-CN', () => {
    const codes = ['torch-row', 'experimental-variant', 'driver-figure', 'arch-list', 'python-experimental', 'torchvision-pairing', 'no-torchvision', 'above-app-bound', 'heading', 'intro'];
    for (const [lang, ui] of Object.entries({ en, ja, 'zh-CN': zhCN })) {
      const texts = (ui.diagnosis.recommendation as unknown as { unconfirmedWhy: Record<string, string> }).unconfirmedWhy;
      for (const c of codes) expect(texts[c], `${lang} ${c}`).toBeTruthy();
      expect(Object.keys(texts).sort(), lang).toEqual([...codes].sort());
    }
  });

  it('reads it from the install only (detect attaches one to every install)', () => {
    const report = rtx4070Report('complete');
    const install = report.installs[0]!;
    expect(recommendationFor(install)?.best?.torch).toBe('2.3.1+cu121');
    expect(recommendationFor({ ...install, recommendation: undefined })).toBeNull();
  });
});

describe('reasonKey', () => {
  it('words a known code with complete params', () => {
    const params = { tag: 'cu130', minDriver: '580', have: '546.33' };
    expect(reasonKey({ code: 'needs-driver', params })).toEqual({ key: 'diagnosis.recommendation.reasons.needs-driver', params });
  });
  it('leaves unknown codes and missing params to the engine text', () => {
    expect(reasonKey({ code: 'needs-driver', params: { minDriver: '580' } })).toBeNull();
    expect(reasonKey({ code: 'known-issue', params: {} })).toBeNull();
    expect(reasonKey({ code: null, params: {} })).toBeNull();
  });
});

describe('reason and note texts', () => {
  const catalogs = { en, ja, 'zh-CN': zhCN };
  const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1] ?? '');
  it('every reason/note code has a text in en, ja and zh-CN (and each context), using only the params it needs', () => {
    for (const code of RECOMMEND_REASON_CODES) {
      expect(REASON_PARAMS[code], code).toBeDefined();
      for (const [lang, ui] of Object.entries(catalogs)) {
        const reasons = ui.diagnosis.recommendation.reasons as Record<string, string>;
        for (const key of [code, ...(REASON_CONTEXTS[code] ?? []).map((c) => `${code}_${c}`)]) {
          const text = reasons[key];
          expect(text, `${lang} ${key}`).toBeTruthy();
          const allowed = [...(REASON_PARAMS[code] ?? []), ...(key === 'unconfirmed-data_gpu' ? ['gpu'] : key === 'unconfirmed-data_target' || key === 'no-gpu-cpu-torch_torch' ? ['torch'] : [])];
          for (const p of placeholders(text ?? '')) expect(allowed, `${lang} ${key} {{${p}}}`).toContain(p);
        }
      }
    }
  });

  it('picks the wording by context and names the platform', () => {
    expect(reasonKey({ code: 'needs-driver', params: { tag: 'cu121', minDriver: '531.14', have: 'none' } })?.context).toBe('none');
    expect(reasonKey({ code: 'needs-driver', params: { tag: 'cu121', minDriver: '531.14', have: '472.12' } })?.context).toBeUndefined();
    expect(reasonKey({ code: 'unconfirmed-data', params: { what: 'gpu', gpu: 'RTX 3060' } })).toMatchObject({ context: 'gpu' });
    expect(reasonKey({ code: 'unconfirmed-data', params: { what: 'target' } })?.context).toBeUndefined();
    expect(reasonKey({ code: 'no-xformers-for-build', params: { torch: '2.4.0+cu121', platform: 'windows' } })?.params.platform).toBe('Windows');
    expect(reasonKey({ code: 'no-driver', params: {} })).toEqual({ key: 'diagnosis.recommendation.reasons.no-driver', params: {} });
  });
});
