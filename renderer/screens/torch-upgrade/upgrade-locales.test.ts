/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import en from '../../../resources/locales/en/upgrade.json';
import ja from '../../../resources/locales/ja/upgrade.json';
import zhCN from '../../../resources/locales/zh-CN/upgrade.json';

import { leaves, placeholders } from '../../i18n/locale-leaves.js';

describe('upgrade locales (torch-upgrade wizard and the shared wizard parts)', () => {
  it.each([['ja', ja], ['zh-CN', zhCN]] as const)('%s has exactly the English keys and placeholders', (_name, table) => {
    const want = Object.fromEntries(leaves(en).map(([k, v]) => [k, placeholders(v)]));
    const got = Object.fromEntries(leaves(table).map(([k, v]) => [k, placeholders(v)]));
    expect(got).toEqual(want);
  });

  it('has no empty strings, and ja / zh-CN say it in their own words (no English sentence copied over)', () => {
    for (const table of [en, ja, zhCN]) expect(leaves(table).filter(([, v]) => v.trim() === '')).toEqual([]);
    const english = new Map(leaves(en));
    // Texts that are the same in every language: names, a URL, pure placeholders.
    const same = new Set(['choose.officialHint', 'review.summary', 'review.python', 'run.bytes']);
    for (const table of [ja, zhCN]) {
      expect(leaves(table).filter(([k, v]) => !same.has(k) && v === english.get(k)).map(([k]) => k)).toEqual([]);
    }
  });

  it('has every literal key the torch-upgrade screens ask for', () => {
    const sources = Object.values(import.meta.glob(['./*.tsx', '../wizard/copy-button.tsx', '../wizard/verify-report.tsx'], { query: '?raw', import: 'default', eager: true })) as string[];
    const known = new Set(leaves(en).map(([k]) => k));
    const used = sources.flatMap((src) => [...src.matchAll(/\bt\('([\w.-]+)'/g)].map((m) => m[1] ?? ''));
    expect(used.length).toBeGreaterThan(60);
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });
});
