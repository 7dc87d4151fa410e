/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import en from '../../../resources/locales/en/cuda-path.json';
import ja from '../../../resources/locales/ja/cuda-path.json';
import zhCN from '../../../resources/locales/zh-CN/cuda-path.json';

import { leaves, placeholders } from '../../i18n/locale-leaves.js';

describe('cuda-path locales (the guided CUDA 12 path, issue 8)', () => {
  it.each([['ja', ja], ['zh-CN', zhCN]] as const)('%s has exactly the English keys and placeholders', (_name, table) => {
    const want = Object.fromEntries(leaves(en).map(([k, v]) => [k, placeholders(v)]));
    const got = Object.fromEntries(leaves(table).map(([k, v]) => [k, placeholders(v)]));
    expect(got).toEqual(want);
  });

  it('has no empty strings, and ja / zh-CN say it in their own words', () => {
    for (const table of [en, ja, zhCN]) expect(leaves(table).filter(([, v]) => v.trim() === '')).toEqual([]);
    const english = new Map(leaves(en));
    // Product names that are the same in every language.
    const same = new Set(['steps.toolkit', 'steps.cudnn', 'cudnn.toolkit']);
    for (const table of [ja, zhCN]) expect(leaves(table).filter(([k, v]) => !same.has(k) && v === english.get(k)).map(([k]) => k)).toEqual([]);
  });

  it('has every literal key the screens ask for', () => {
    const sources = Object.values(import.meta.glob('./*.tsx', { query: '?raw', import: 'default', eager: true })) as string[];
    const known = new Set(leaves(en).map(([k]) => k));
    const used = sources.flatMap((src) => [...src.matchAll(/\bt\('([\w.-]+)'/g)].map((m) => m[1] ?? ''));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });
});
