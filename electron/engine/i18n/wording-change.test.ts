import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resourcesDir } from '../resources.js';
import { listHistory } from '../tx/history.js';
import { newJournal, newTxId, saveJournal } from '../tx/journal-store.js';
import { describeFsFailure, fileInUse } from '../tx/messages.js';
import { em, english, refusalIn } from './engine-text.js';
import { historyEntryIn } from './tx-in-lang.js';

/**
 * The failure mode this guards against: the engine used to translate stored English by matching it back against
 * the English catalog, so rewording one English template silently left every journal written before in English.
 * Now texts are stored as messages (key + params): rewording the English changes nothing for the other languages.
 */
describe('changing an English word keeps every stored text translated', () => {
  let work: string;
  let dataDir: string;

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-wording-'));
    dataDir = path.join(work, 'data');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** A copy of resources/locales whose English engine catalog says things differently. */
  function rewordedResources(): string {
    const copy = path.join(work, 'resources');
    fs.cpSync(path.join(resourcesDir(), 'locales'), path.join(copy, 'locales'), { recursive: true });
    const file = path.join(copy, 'locales', 'en', 'engine.json');
    const en = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      reason: Record<string, string>; intent: Record<string, string>; refusal: Record<string, Record<string, { message: string; fix: string }>>;
    };
    en.reason['verification-failed'] = 'the check after the change failed: {{detail}}';
    en.intent['dll-swap'] = 'Swap of DLLs ({{what}}) in {{app}}';
    en.refusal['file-in-use']!.default!.message = '"{{file}}" is held open by another program ({{code}}) and cannot be replaced.';
    fs.writeFileSync(file, JSON.stringify(en, null, 2));
    return copy;
  }

  it('a stored journal\'s intent and reason, and a refusal, still read in full Japanese and Chinese', async () => {
    // Written while the app spoke English, with today's English wording.
    const probeError = 'OSError: [WinError 126] "C:\\AI & Art\\venv\\torch\\lib\\cudnn64_8.dll"';
    const intent = em('intent.dll-swap', { what: 'cuDNN 8.7.0 → 8.9.7', app: 'stable-diffusion-webui' });
    const reason = em('reason.verification-failed', { detail: em('verify.import-failed', { error: probeError }) });
    const journal = newJournal({ id: newTxId(), goal: 'dll-swap', intent: english(intent), intentMsg: intent, app: null, targetRoots: [work], files: [] });
    await saveJournal(dataDir, { ...journal, state: 'rolled-back', reason: english(reason), reasonMsg: reason });
    const refused = fileInUse({ file: 'C:\\AI & Art\\venv\\torch\\lib\\cudnn64_8.dll', code: 'EBUSY' });
    const fsReason = describeFsFailure({ action: 'placing', file: 'x.dll', code: 'EBUSY' });
    expect(refused.message).toContain('is in use by another program');

    // A later version rewords the English.
    vi.stubEnv('TORCHLIFT_RESOURCES', rewordedResources());
    expect(english(reason)).toMatch(/^the check after the change failed: /);

    const [entry] = await listHistory(dataDir);
    expect(entry?.intent).toBe('DLL swap (cuDNN 8.7.0 → 8.9.7) in stable-diffusion-webui');
    const ja = historyEntryIn('ja', entry!);
    expect(ja.intent).toBe('DLL の入れ替え（cuDNN 8.7.0 → 8.9.7）: stable-diffusion-webui');
    expect(ja.reason).toBe(`検証に失敗しました: import torch に失敗しました: ${probeError}`);
    const zh = historyEntryIn('zh-CN', entry!);
    expect(zh.intent).toBe('DLL 替换（cuDNN 8.7.0 → 8.9.7）：stable-diffusion-webui');
    expect(zh.reason).toBe(`验证失败：import torch 失败：${probeError}`);
    // English readers get the new wording, from the same stored message.
    expect(historyEntryIn('en', entry!).intent).toBe('Swap of DLLs (cuDNN 8.7.0 → 8.9.7) in stable-diffusion-webui');

    expect(refusalIn('ja', refused).message).toBe('「C:\\AI & Art\\venv\\torch\\lib\\cudnn64_8.dll」は別のプログラムが使用中のため（EBUSY）、置き換えられません。');
    expect(refusalIn('zh-CN', refused).message).toBe('“C:\\AI & Art\\venv\\torch\\lib\\cudnn64_8.dll”正被其他程序占用（EBUSY），无法替换。');
    expect(refusalIn('en', refused).message).toContain('is held open by another program');
    expect(english(fsReason)).toBe('Putting the new file in place: "x.dll" failed: the file is in use: close the web UI that runs from this venv');
  });
});
