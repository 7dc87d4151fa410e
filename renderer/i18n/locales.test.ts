import { describe, expect, it } from 'vitest';
import en from '../../resources/locales/en/ui.json';
import ja from '../../resources/locales/ja/ui.json';
import zhCN from '../../resources/locales/zh-CN/ui.json';
import { initialLang } from './langs.js';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function placeholders(obj: object): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (o: object, prefix: string): void => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'object' && v !== null) walk(v as object, `${prefix}${k}.`);
      else out[`${prefix}${k}`] = [...String(v).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
    }
  };
  walk(obj, '');
  return out;
}

describe('UI locales', () => {
  it.each([['ja', ja], ['zh-CN', zhCN]] as const)('%s has exactly the English keys', (_name, table) => {
    expect(keys(table).sort()).toEqual(keys(en).sort());
  });

  it.each([['ja', ja], ['zh-CN', zhCN]] as const)('%s keeps every {{placeholder}} of the English text', (_name, table) => {
    expect(placeholders(table)).toEqual(placeholders(en));
  });

  it('has no empty strings', () => {
    const leaves = (o: object): unknown[] => Object.values(o).flatMap((v) => (typeof v === 'object' && v !== null ? leaves(v as object) : [v]));
    for (const table of [en, ja, zhCN]) {
      expect(leaves(table).filter((v) => typeof v !== 'string' || v.trim() === '')).toEqual([]);
    }
  });
});

describe('initialLang', () => {
  it('prefers the stored choice', () => {
    expect(initialLang({ stored: 'ja', preferred: ['en-US'] })).toBe('ja');
  });
  it('ignores a stored value that is not a language', () => {
    expect(initialLang({ stored: 'klingon', preferred: ['zh-TW'] })).toBe('zh-CN');
  });
  it('takes the first supported browser language', () => {
    expect(initialLang({ stored: null, preferred: ['de-DE', 'ja-JP', 'en'] })).toBe('ja');
  });
  it('falls back to English', () => {
    expect(initialLang({ stored: null, preferred: ['fr-FR'] })).toBe('en');
  });
});
