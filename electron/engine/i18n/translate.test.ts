import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../../shared/schemas/finding.js';
import { type Catalog, LANGS, hasKey, interpolate, langFromEnv, loadCatalog, lookup, placeholders, t } from './translate.js';

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

  it('leaves unknown placeholders visible and accepts spaces inside braces', () => {
    expect(interpolate('a {{x}} b {{ y }}', { y: 2 })).toBe('a {{x}} b 2');
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
