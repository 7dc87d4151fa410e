import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { msg } from '../../shared/i18n/message.js';
import type { CudnnOverlayPlan } from '../../shared/schemas/cuda.js';
import type { TorchUpgradePlan } from '../../shared/schemas/torch-upgrade.js';
import { ENGINE_RESOURCES } from './engine-resources.js';
import { torchUpgradePlanShown, withShownLists } from './plan-shown.js';

/** The renderer's i18next with the engine's namespaces, switched to `lang` (as the language menu does). */
function tIn(lang: 'en' | 'ja' | 'zh-CN') {
  const i18n = createInstance();
  void i18n.init({ resources: ENGINE_RESOURCES, lng: lang, fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false });
  return i18n.t.bind(i18n) as (key: string, params?: Record<string, unknown>) => string;
}

const steps = [msg('torch-upgrade:step.snapshot'), msg('torch-upgrade:step.uninstall', { packages: 'xformers' })];
const english = (lang: 'en' | 'ja' | 'zh-CN', key: string, params?: Record<string, unknown>): string => tIn(lang)(key, params);

/** A plan as the engine sends it when planned in English: strings in English, messages beside. */
const plan = {
  goal: 'torch-upgrade', app: '/sd', python: null, pythonVersion: null, status: 'ready', refusals: [],
  current: { torch: null, torchvision: null, torchaudio: null, xformers: null },
  target: { torch: '2.7.1+cu128', torchvision: null, torchaudio: null, xformers: null, variant: 'cu128', cuda: '12.8', indexUrl: null, why: english('en', 'torch-upgrade:why.recommended'), whyMsg: msg('torch-upgrade:why.recommended') },
  xformers: { action: 'drop', reason: 'raw', reasonMsg: msg('torch-upgrade:xformers.dropped', { torch: '2.7.1+cu128' }) },
  alternatives: [{ torch: '2.6.0', variant: 'cu126', note: 'with xformers 0.0.29', noteMsg: msg('torch-upgrade:option.withXformers', { xformers: '0.0.29' }) }],
  rejected: [{ torch: '2.9.0', variant: 'cu130', note: 'English only (no message)' }],
  packages: [], downloadBytes: 0, space: [], launcher: [],
  source: { kind: 'mirror', label: 'mirror NJU', labelMsg: msg('torch-upgrade:source.mirror', { name: 'NJU' }), indexUrl: null, pipIndexUrl: null, findLinks: null },
  steps: steps.map((m) => english('en', m.key, m.params)), notes: ['raw note', english('en', 'torch-upgrade:note.comfy-update')],
  stepMsgs: steps, noteMsgs: [null, msg('torch-upgrade:note.comfy-update')],
} satisfies TorchUpgradePlan;

describe('plans render their texts in the language on screen (issue 10 item 6)', () => {
  it.each(['ja', 'zh-CN'] as const)('a torch-upgrade plan made in English reads in %s from the catalog, raw text as sent', (lang) => {
    const t = tIn(lang);
    const shown = torchUpgradePlanShown(t, plan);
    expect(shown.steps).toEqual([t('torch-upgrade:step.snapshot'), t('torch-upgrade:step.uninstall', { packages: 'xformers' })]);
    expect(shown.steps).not.toEqual(plan.steps);
    expect(shown.notes).toEqual(['raw note', t('torch-upgrade:note.comfy-update')]);
    expect(shown.notes[1]).not.toBe(plan.notes[1]);
    expect(shown.target?.why).toBe(t('torch-upgrade:why.recommended'));
    expect(shown.target?.why).not.toBe(plan.target.why);
    expect(shown.xformers.reason).toContain('2.7.1+cu128');
    expect(shown.xformers.reason).toBe(t('torch-upgrade:xformers.dropped', { torch: '2.7.1+cu128' }));
    expect(shown.alternatives[0]?.note).toBe(t('torch-upgrade:option.withXformers', { xformers: '0.0.29' }));
    expect(shown.alternatives[0]?.note).not.toBe('with xformers 0.0.29');
    expect(shown.rejected[0]?.note).toBe('English only (no message)');
    expect(shown.source.label).toBe(t('torch-upgrade:source.mirror', { name: 'NJU' }));
    expect(shown.source.label).not.toBe('mirror NJU');
  });

  it('CUDA plans: steps and notes from their messages in ja / zh-CN', () => {
    const stepMsgs = [msg('cuda:step.extract'), msg('cuda:step.verifyCudnn', { version: '9.8.0' })];
    const cudnn = { steps: ['s1', 's2'], notes: ['n1'], stepMsgs, noteMsgs: [msg('cuda:note.cudnnTorch')] } as unknown as CudnnOverlayPlan;
    for (const lang of ['ja', 'zh-CN'] as const) {
      const t = tIn(lang);
      const shown = withShownLists(t, cudnn);
      expect(shown.steps).toEqual([t('cuda:step.extract'), t('cuda:step.verifyCudnn', { version: '9.8.0' })]);
      expect(shown.steps[1]).not.toBe(tIn('en')('cuda:step.verifyCudnn', { version: '9.8.0' }));
      expect(shown.steps[1]).toContain('9.8.0');
      expect(shown.notes).toEqual([t('cuda:note.cudnnTorch')]);
      expect(shown.notes[0]).not.toBe(tIn('en')('cuda:note.cudnnTorch'));
    }
  });
});
