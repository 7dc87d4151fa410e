import { describe, expect, it } from 'vitest';
import { SETTINGS_RESOURCES } from './settings-resources.js';

type Table = { [k: string]: string | Table };
const leaves = (o: Table, prefix = ''): Array<[string, string]> =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
const en = new Map(leaves(SETTINGS_RESOURCES.en as Table));

describe('settings namespace (Settings, Logs & report, About, report headings, refusals)', () => {
  it.each(['ja', 'zh-CN'] as const)('%s has every English key with the same placeholders, translated', (lang) => {
    const table = new Map(leaves(SETTINGS_RESOURCES[lang] as Table));
    expect([...table.keys()].sort()).toEqual([...en.keys()].sort());
    const ph = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of table) {
      expect(ph(text), key).toEqual(ph(en.get(key)!));
      expect(text.trim(), key).not.toBe('');
    }
    // Sentences (not names, URLs or flags) are written in the language itself.
    const sentences = [...table].filter(([key]) => /\.(title|subtitle|hint|message|fix|empty|saved|failed|heading)$/.test(key));
    const cjk = /[\u3040-\u30ff\u4e00-\u9fff]/;
    expect(sentences.filter(([, text]) => !cjk.test(text)).map(([key]) => key)).toEqual([]);
  });

  it('the screens speak natural Japanese and Chinese where it matters', () => {
    const ja = SETTINGS_RESOURCES.ja, zh = SETTINGS_RESOURCES['zh-CN'];
    expect(ja.logs.report.save).toBe('レポートを保存');
    expect(ja.settings.sources.official).toBe('公式 (download.pytorch.org)');
    expect(zh.logs.report.anonymize).toBe('隐藏我的用户名和主目录');
    expect(zh.settings.mirrorNames.pypi.tuna).toBe('清华大学 TUNA');
  });
});
