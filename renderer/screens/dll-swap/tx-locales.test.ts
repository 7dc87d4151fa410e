/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import en from '../../../resources/locales/en/tx.json';
import ja from '../../../resources/locales/ja/tx.json';
import zhCN from '../../../resources/locales/zh-CN/tx.json';

import { leaves, placeholders } from '../../i18n/locale-leaves.js';

describe('tx locales (wizard and History)', () => {
  it.each([['ja', ja], ['zh-CN', zhCN]] as const)('%s has exactly the English keys and placeholders', (_name, table) => {
    const want = Object.fromEntries(leaves(en).map(([k, v]) => [k, placeholders(v)]));
    const got = Object.fromEntries(leaves(table).map(([k, v]) => [k, placeholders(v)]));
    expect(got).toEqual(want);
  });

  it('has no empty strings', () => {
    for (const table of [en, ja, zhCN]) expect(leaves(table).filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('has every literal key the wizard and History screens ask for', () => {
    // Vite reads the sources (no Node modules in renderer/, not even in tests).
    const sources = Object.values(import.meta.glob(['./*.tsx', './*.ts', '../history/*.tsx', '../wizard/stepper.tsx', '../wizard/rollback-button.tsx', '!./*.test.ts'], { query: '?raw', import: 'default', eager: true })) as string[];
    const known = new Set(leaves(en).map(([k]) => k));
    const used = sources.flatMap((src) => [...src.matchAll(/\bt\('([\w.-]+)'/g)].map((m) => m[1] ?? ''));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });
});
