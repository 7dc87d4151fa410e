import { describe, expect, it } from 'vitest';
import { LANGS, hasKey, loadCatalog, lookup, placeholders } from '../i18n/translate.js';
import { downloadErrorText } from './error-text.js';
import { DownloadError } from './errors.js';

const CODES = ['bad-url', 'checksum-mismatch', 'size-mismatch', 'too-large', 'http-status', 'too-many-redirects', 'insecure-redirect', 'network', 'timeout', 'not-found', 'aborted'];

describe('download error texts', () => {
  it('exist for every code in every language with the same placeholders', () => {
    for (const code of CODES) {
      const en = lookup(loadCatalog('en', 'download'), `error.${code}`);
      expect(en, code).not.toBeNull();
      for (const lang of LANGS) {
        expect(hasKey(lang, `error.${code}`, 'download'), `${lang} ${code}`).toBe(true);
        expect(placeholders(lookup(loadCatalog(lang, 'download'), `error.${code}`)!)).toEqual(placeholders(en!));
      }
    }
  });

  it('fills in the file, URL and both digests', () => {
    const e = new DownloadError('checksum-mismatch', 'x', { name: 'a.zip', url: 'https://h/a.zip', algo: 'sha256', expected: 'aa', actual: 'bb' });
    const ja = downloadErrorText('ja', e);
    expect(ja).toContain('a.zip');
    expect(ja).toContain('https://h/a.zip');
    expect(ja).toContain('aa');
    expect(ja).toContain('bb');
    expect(ja).not.toContain('{{');
    expect(downloadErrorText('en', new Error('plain'))).toBe('plain');
  });
});
