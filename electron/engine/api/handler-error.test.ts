import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Msg } from '../../../shared/i18n/message.js';
import { say, t } from '../i18n/translate.js';
import { settingsRefusal } from '../settings/text.js';
import { HandlerError } from './handler-error.js';
import { checkAppFolder } from './handlers.js';

function thrown(f: () => unknown): HandlerError {
  try {
    f();
  } catch (error) {
    if (error instanceof HandlerError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('API errors travel with their messages (issue 10 item 6)', () => {
  it('a missing install folder: the error carries message and fix as messages that render in ja and zh-CN', () => {
    const missing = path.join(os.tmpdir(), 'torchlift-no-such-folder-☃');
    const error = thrown(() => checkAppFolder(missing, 'en')).toApiError();
    expect(error).toMatchObject({ code: 'app-not-found', message: `The folder "${missing}" does not exist.` });
    expect(error.messageMsg?.key).toBe('engine:refusal.app-not-found.default.message');
    for (const lang of ['ja', 'zh-CN'] as const) {
      const message = say(lang, error.messageMsg as Msg);
      expect(message).toBe(t(lang, 'engine:refusal.app-not-found.default.message', { path: missing }));
      expect(message).toContain(missing);
      expect(message).not.toBe(error.message);
      expect(say(lang, error.fixMsg as Msg)).not.toBe(error.fix);
    }
    // Asked in Japanese: the strings themselves are Japanese.
    expect(thrown(() => checkAppFolder(missing, 'ja')).message).toBe(t('ja', 'engine:refusal.app-not-found.default.message', { path: missing }));
  });

  it('a file given as the install folder, and a settings refusal, keep their messages across toApiError', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tl-')), 'webui-user.bat');
    fs.writeFileSync(file, '');
    const error = thrown(() => checkAppFolder(file, 'zh-CN')).toApiError();
    expect(error.code).toBe('app-not-a-folder');
    expect(error.message).toBe(t('zh-CN', 'engine:refusal.app-not-a-folder.default.message', { path: file }));
    expect(say('ja', error.messageMsg as Msg)).toBe(t('ja', 'engine:refusal.app-not-a-folder.default.message', { path: file }));
    const settings = settingsRefusal('en', 'not-a-folder', { path: file }).toApiError();
    expect(settings.messageMsg?.key).toBe('settings:refusal.not-a-folder.message');
    expect(settings.fixMsg?.key).toBe('settings:refusal.not-a-folder.fix');
  });
});
