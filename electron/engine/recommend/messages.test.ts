import { describe, expect, it } from 'vitest';
import { RECOMMEND_REASON_CODES, type RecommendReason } from '../../../shared/schemas/recommend.js';
import { LANGS, loadCatalog, lookup, placeholders } from '../i18n/translate.js';
import { torchReleases } from '../knowledge/torch.js';
import { evaluate } from './evaluate.js';
import { reasonMessage } from './messages.js';
import { recommend, type RecommendInput } from './recommend.js';

// Every reason and note recommend() emits over a wide spread of machines, so the texts are checked against real params.
function emitted(): RecommendReason[] {
  const out: RecommendReason[] = [];
  const ccs = ['3.7', '5.0', '6.1', '7.5', '8.6', '8.9', '12.0'];
  const inputs: RecommendInput[] = [
    { platform: 'windows', gpuCc: null, gpuName: 'NVIDIA GeForce 8800 GT', driverVersion: '546.33', pythonVersion: '3.10', app: 'a1111', currentTorch: null },
    { platform: 'windows', gpuCc: null, gpuName: 'NVIDIA GeForce RTX 3060', driverVersion: '572.83', pythonVersion: '3.10', app: 'a1111', currentTorch: null },
    { platform: 'windows', gpuCc: null, gpuName: null, driverVersion: null, pythonVersion: '3.10', app: 'a1111', currentTorch: '2.1.2+cpu' },
    { platform: 'linux', gpuCc: null, gpuName: null, driverVersion: null, pythonVersion: '3.10', app: 'comfyui', currentTorch: null },
    { platform: 'windows', gpuCc: '12.0', gpuName: null, driverVersion: '572.83', pythonVersion: '3.10', app: 'forge', currentTorch: null },
  ];
  for (const platform of ['windows', 'linux'] as const) {
    for (const driverVersion of [null, '441.22', '472.12', '546.33', '572.83', '581.57']) {
      for (const cc of ccs) {
        for (const [pythonVersion, app, currentTorch] of [['3.8.10', 'a1111', '2.5.1+cu121'], ['3.10.6', 'forge', '2.3.1+cu121'], ['3.13.1', 'comfyui', null], ['3.14.0', 'unknown', '1.13.1+cu117']] as const) {
          inputs.push({ platform, gpuCc: cc, gpuName: null, driverVersion, pythonVersion, app, currentTorch });
        }
      }
    }
  }
  const seen = new Set<string>();
  // Every failure of every build too, as rejected[] shows only the main one of the newest builds.
  const failures = (platform: 'windows' | 'linux', cc: string): RecommendReason[] => torchReleases().flatMap((row) => row.variants.flatMap((v) =>
    evaluate(row, v, { platform, cc, driverVersion: '546.33', pythonVersion: '3.12.1', app: 'a1111', minTorch: '2.1.2' }).failures));
  for (const r of [...inputs.map(recommend), { notes: [...failures('windows', '8.9'), ...failures('linux', '3.7')].map((f) => ({ ...f, message: '' })), rejected: [] }]) {
    for (const x of [...r.notes, ...r.rejected.map((j) => j.reason)]) {
      const shape = `${x.code}|${x.params.have === 'none' ? 'none' : ''}|${x.params.what ?? ''}|${Object.keys(x.params).sort().join(',')}`;
      if (!seen.has(shape)) out.push({ code: x.code, params: x.params });
      seen.add(shape);
    }
  }
  return out;
}

describe('recommend texts', () => {
  const all = emitted();

  it('emits only listed codes, each with an English message', () => {
    for (const r of all) {
      expect(RECOMMEND_REASON_CODES, r.code).toContain(r.code);
      expect(reasonMessage(r)).not.toBe(r.code);
    }
    // The spread reaches every code; arch-unknown only when the knowledge base lacks a build's arch list (none does now).
    expect([...new Set(all.map((r) => r.code))].sort()).toEqual([...RECOMMEND_REASON_CODES].filter((c) => c !== 'arch-unknown').sort());
  });

  it('every code recommend() emits has a UI text in en, ja and zh-CN whose placeholders the params fill', () => {
    for (const r of all) {
      const context = r.code === 'needs-driver' && r.params.have === 'none' ? '_none' : r.code === 'unconfirmed-data' ? `_${r.params.what ?? ''}`
        : r.code === 'no-gpu-cpu-torch' && r.params.torch ? '_torch' : '';
      for (const lang of LANGS) {
        const text = lookup(loadCatalog(lang, 'ui'), `diagnosis.recommendation.reasons.${r.code}${context}`);
        expect(text, `${lang} ${r.code}${context}`).not.toBeNull();
        for (const p of placeholders(text ?? '')) expect(Object.keys(r.params), `${lang} ${r.code} {{${p}}}`).toContain(p);
      }
    }
    for (const code of RECOMMEND_REASON_CODES) {
      for (const lang of LANGS) expect(lookup(loadCatalog(lang, 'ui'), `diagnosis.recommendation.reasons.${code}`), `${lang} ${code}`).not.toBeNull();
    }
  });
});

describe('unconfirmed explained', () => {
  it('every target marked unconfirmed says why, in texts that exist in en, ja and zh-CN with their params filled', () => {
    const inputs: RecommendInput[] = [];
    for (const platform of ['windows', 'linux'] as const) {
      for (const [cc, driverVersion, pythonVersion, app] of [['8.9', '581.57', '3.13', 'onetrainer'], ['8.6', '546.33', '3.10', 'forge'], ['12.0', '572.83', '3.10', 'forge'], ['6.1', '441.22', '3.8', 'unknown'], ['8.9', '581.57', '3.14', 'comfyui']] as const) {
        inputs.push({ platform, gpuCc: cc, gpuName: null, driverVersion, pythonVersion, app, currentTorch: null });
      }
    }
    const seen = new Set<string>();
    for (const r of inputs.map(recommend)) {
      for (const t of [r.best, ...r.alternatives]) {
        if (t === null) continue;
        expect(t.unconfirmed ? (t.unconfirmedWhy ?? []).length : 0, t.torch).toBe(t.unconfirmed ? Math.max(1, (t.unconfirmedWhy ?? []).length) : 0);
        for (const m of t.unconfirmedWhy ?? []) {
          const [ns, key] = m.key.split(':') as [string, string];
          seen.add(key.split('.').pop() ?? '');
          for (const lang of LANGS) {
            const text = lookup(loadCatalog(lang, ns), key);
            expect(text, `${lang} ${m.key}`).not.toBeNull();
            for (const p of placeholders(text ?? '')) expect(Object.keys(m.params ?? {}), `${lang} ${m.key} {{${p}}}`).toContain(p);
          }
        }
      }
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['above-app-bound', 'torch-row', 'torchvision-pairing']));
  });
});
