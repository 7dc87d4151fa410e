import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../../shared/schemas/finding.js';
import { msg } from '../../../shared/i18n/message.js';
import { type Catalog, LANGS, engineI18n, hasKey, langFromEnv, loadCatalog, lookup, placeholders, say, t } from './translate.js';

function leafKeys(c: Catalog, prefix = ''): string[] {
  return Object.entries(c).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leafKeys(v, `${prefix}${k}.`)));
}

describe('finding catalogs', () => {
  it('every finding code has a title, detail and fix in every language', () => {
    for (const lang of LANGS) {
      for (const code of FINDING_CODES) {
        for (const part of ['title', 'detail', 'fix']) expect(hasKey(lang, `${code}.${part}`), `${lang} ${code}.${part}`).toBe(true);
      }
    }
  });

  it('every English key exists in ja and zh-CN with the same placeholders', () => {
    const en = loadCatalog('en');
    for (const lang of ['ja', 'zh-CN'] as const) {
      const other = loadCatalog(lang);
      for (const key of leafKeys(en)) {
        const text = lookup(other, key);
        expect(text, `${lang} ${key}`).not.toBeNull();
        expect(placeholders(text ?? ''), `${lang} ${key}`).toEqual(placeholders(lookup(en, key) ?? ''));
      }
      expect(leafKeys(other).sort()).toEqual(leafKeys(en).sort());
    }
  });

  it('Japanese texts are polite and Chinese texts use simplified wording', () => {
    const ja = loadCatalog('ja');
    const zh = loadCatalog('zh-CN');
    for (const code of FINDING_CODES) {
      expect(lookup(ja, `${code}.fix`) ?? '', code).toMatch(/(ください|ません|です|ます)。?/);
      expect(lookup(zh, `${code}.title`) ?? '', code).not.toMatch(/[驅動顯轉換檔]/);
    }
  });
});

describe('t', () => {
  it('interpolates i18next placeholders', () => {
    expect(t('en', 'driver-too-old.fix', { minDriver: '531.14' })).toContain('531.14 or newer');
    expect(t('ja', 'driver-too-old.fix', { minDriver: '531.14' })).toContain('531.14 以降');
    expect(t('zh-CN', 'driver-too-old.fix', { minDriver: '531.14' })).toContain('531.14');
  });

  it('falls back to English, then to the key', () => {
    expect(t('ja', 'no-such.key')).toBe('no-such.key');
    expect(t('en', 'findings:cpu-only-torch.title')).toBe('torch is a CPU-only build');
  });

  it('leaves unknown placeholders visible and never escapes paths', () => {
    expect(t('en', 'engine:reason.file-failed', { file: 'C:\\AI & Art\\<x>.dll' })).toBe('{{action}} "C:\\AI & Art\\<x>.dll" failed: {{what}}');
  });

  it('is i18next: one instance over every namespace file, English as the fallback, `ns:key` when a key is missing', () => {
    const i18n = engineI18n();
    expect(i18n.options.fallbackLng).toEqual(['en']);
    for (const ns of ['engine', 'cuda', 'torch-upgrade', 'download', 'findings']) expect(i18n.hasResourceBundle('ja', ns), ns).toBe(true);
    expect(t('ja', 'engine:no.such.key')).toBe('engine:no.such.key');
    // A key only English has (a text added before its translation) falls back to English, not to the key.
    i18n.addResource('en', 'engine', 'test-only.english-only', 'Only in English: {{x}}');
    expect(t('zh-CN', 'engine:test-only.english-only', { x: 1 })).toBe('Only in English: 1');
    expect(t('ja', 'engine:plan.refused')).toBe(lookup(loadCatalog('ja', 'engine'), 'plan.refused'));
  });
});

describe('say (messages)', () => {
  it('renders nested messages in the same language and raw params verbatim', () => {
    const error = 'OSError: [WinError 126] 「C:\\AI & Art」';
    const m = msg('engine:job.rolled-back', { reason: msg('engine:reason.verification-failed', { detail: msg('engine:verify.import-failed', { error }) }) });
    expect(say('en', m)).toBe(`rolled back: verification failed: import torch failed: ${error}`);
    expect(say('ja', m)).toBe(`ロールバックしました: 検証に失敗しました: import torch に失敗しました: ${error}`);
    expect(say('zh-CN', m)).toBe(`已回滚：验证失败：import torch 失败：${error}`);
    expect(say('ja', msg('engine:txNote.restored', { count: 3 }))).toContain('3');
  });
});

describe('langFromEnv', () => {
  it('maps POSIX locales', () => {
    expect(langFromEnv({ LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LC_ALL: 'zh_SG.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LC_MESSAGES: 'zh-Hans' })).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
  });
});
