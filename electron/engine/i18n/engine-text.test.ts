import { describe, expect, it } from 'vitest';
import type { Job, Refusal } from '../../../shared/schemas/tx.js';
import { matchSwap, type LibFile } from '../goals/dll-swap/match-files.js';
import { dataDirRefusal } from '../data-dir.js';
import { versionRefusals } from '../goals/dll-swap/version-checks.js';
import { behindLink, busy, describeFsFailure, fileInUse, journalUntrusted, noSpace, notWritable, operationBusy, outsideTargets, sourceMissing, targetIsLink } from '../tx/messages.js';
import { em, english, refusal, refusalIn, refusalSentence, textIn } from './engine-text.js';
import { type Catalog, lookup, loadCatalog, placeholders, say } from './translate.js';
import { historyEntryIn, jobIn, outcomeIn, recoveryNoteIn } from './tx-in-lang.js';

function leafKeys(c: Catalog, prefix = ''): string[] {
  return Object.entries(c).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leafKeys(v, `${prefix}${k}.`)));
}

// A path with spaces, `&`, brackets and Japanese, as users have them.
const DIR = 'D:\\AI & Art\\[SD] 画像生成\\cudnn-windows-x86_64-8.9.7.29_cuda11-archive';

describe('engine catalogs', () => {
  it('every English key exists in ja and zh-CN with the same placeholders, and no other keys', () => {
    const en = loadCatalog('en', 'engine');
    for (const lang of ['ja', 'zh-CN'] as const) {
      const other = loadCatalog(lang, 'engine');
      for (const key of leafKeys(en)) {
        const text = lookup(other, key);
        expect(text, `${lang} ${key}`).not.toBeNull();
        expect([...new Set(placeholders(text ?? ''))], `${lang} ${key}`).toEqual([...new Set(placeholders(lookup(en, key) ?? ''))]);
      }
      expect(leafKeys(other).sort()).toEqual(leafKeys(en).sort());
    }
  });

  it('Japanese fixes are polite; Chinese uses simplified, mainland wording', () => {
    const ja = loadCatalog('ja', 'engine');
    const zh = loadCatalog('zh-CN', 'engine');
    for (const key of leafKeys(loadCatalog('en', 'engine')).filter((k) => k.startsWith('refusal.') && k.endsWith('.fix'))) {
      expect(lookup(ja, key), key).toMatch(/(ください|ません|です|ます)(（[^）]*）)?。$/);
      expect(lookup(zh, key), key).not.toMatch(/[驅動顯轉換檔虛擬環復]/);
    }
    expect(JSON.stringify(zh)).toContain('虚拟环境');
    expect(JSON.stringify(zh)).toContain('回滚');
  });
});

describe('refusals carry their messages and read in the user language', () => {
  const lib = (dir: string, name: string, component: string, major: number | null): LibFile => ({ path: `${dir}/${name}`, name, component, major, bytes: 1 });
  const targets = [lib('/t', 'cudart64_110.dll', 'cudart', 11), lib('/t', 'cublas64_11.dll', 'cublas', 11), lib('/t', 'cudnn64_8.dll', 'cudnn', 8)];
  const built: Refusal[] = [
    noSpace({ path: DIR, neededBytes: 2e9, freeBytes: 1e9 }),
    notWritable({ dir: DIR, code: 'EROFS' }),
    notWritable({ dir: DIR, code: 'EACCES' }),
    fileInUse({ file: `${DIR}\\cudnn64_8.dll`, code: 'EBUSY' }),
    outsideTargets({ file: DIR, roots: ['C:\\a', 'C:\\b'] }),
    sourceMissing({ file: DIR, code: 'ENOENT' }),
    busy({ txId: 'tx-1', pid: 42 }),
    ...matchSwap({ targets, cuda: null, cudnn: { dir: DIR, files: [lib(DIR, 'cudnn64_9.dll', 'cudnn', 9)] }, cudnnBuiltForCuda: 12 }).refusals,
    ...matchSwap({ targets, cuda: { dir: DIR, files: [lib(DIR, 'cudart64_12.dll', 'cudart', 12)] }, cudnn: { dir: DIR, files: [] }, cudnnBuiltForCuda: null }).refusals,
    ...matchSwap({ targets, cuda: { dir: DIR, files: [lib(DIR, 'cudart64_110.dll', 'cudart', 11), lib(DIR, 'cublasLt64_11.dll', 'cublas', 11)] }, cudnn: { dir: DIR, files: [lib(DIR, 'cudnn64_8.dll', 'cudnn', 8)] }, cudnnBuiltForCuda: null }).refusals,
    ...matchSwap({ targets: [], cuda: { dir: DIR, files: [] }, cudnn: null, cudnnBuiltForCuda: null }).refusals,
    behindLink({ link: `${DIR}\\nvidia\\cudnn`, real: 'E:\\elsewhere\\cudnn', inside: 'D:\\AI & Art\\venv\\Lib\\site-packages' }),
    targetIsLink({ file: `${DIR}\\cudnn64_8.dll`, real: 'E:\\x\\cudnn64_8.dll' }),
    operationBusy({ pid: 42, host: null, doing: '', file: `${DIR}\\torchlift.lock` }),
    operationBusy({ pid: 42, host: null, doing: em('opWhat.recovering'), file: `${DIR}\\torchlift.lock` }),
    operationBusy({ pid: 42, host: 'other-pc', doing: '', file: `${DIR}\\torchlift.lock` }),
    operationBusy({ pid: 42, host: 'other-pc', doing: em('opWhat.applying', { goal: 'dll-swap' }), file: `${DIR}\\torchlift.lock` }),
    dataDirRefusal({ dir: DIR, code: 'ENOTDIR' }),
    dataDirRefusal({ dir: DIR, code: 'EROFS' }),
    dataDirRefusal({ dir: DIR, code: 'EIO' }),
    journalUntrusted({ id: 'tx-3', problem: behindLink({ link: '/v/site-packages/torch', real: '/etc', inside: '/v/site-packages' }).messageMsg! }),
    journalUntrusted({ id: 'tx-3', problem: em('journalProblem.backup', { backup: '/etc/passwd', folder: `${DIR}/tx-3/backup` }) }),
    ...versionRefusals({ cudnnDir: DIR, cudnn: { from: '8.7.0', to: null }, cudaDir: null, cuda: { from: null, to: null } }),
    ...versionRefusals({ cudnnDir: DIR, cudnn: { from: '8.9.7', to: '8.7.0' }, cudaDir: DIR, cuda: { from: '12.4', to: '12.1' } }),
    refusal({ lang: 'en', code: 'not-committed', params: { id: 'tx-9', state: em('state.rolled-back') } }),
    refusal({ lang: 'en', code: 'nothing-to-roll-back' }),
    refusal({ lang: 'en', code: 'no-python', params: { app: DIR } }),
  ];

  it('every refusal the checks build has its messages, and each reads differently in ja and zh-CN with nothing left unfilled', () => {
    expect(new Set(built.map((r) => r.code))).toEqual(new Set([
      'not-enough-space', 'target-not-writable', 'file-in-use', 'outside-targets', 'source-missing', 'transaction-in-progress',
      'cudnn-major-mismatch', 'cudnn-cuda-mismatch', 'cuda-major-mismatch', 'source-file-missing', 'nothing-to-replace', 'not-committed', 'nothing-to-roll-back', 'no-python',
      'target-behind-link', 'target-is-link', 'operation-in-progress', 'data-dir-unusable', 'journal-untrusted', 'cudnn-version-unknown', 'cudnn-downgrade', 'cuda-downgrade',
    ]));
    for (const r of built) {
      expect(r.messageMsg, r.code).toBeDefined();
      expect(r.fixMsg, r.code).toBeDefined();
      for (const lang of ['ja', 'zh-CN'] as const) {
        const out = refusalIn(lang, r);
        expect(out.message, `${lang} ${r.code}: ${r.message}`).not.toBe(r.message);
        expect(out.fix, `${lang} ${r.code}: ${r.fix}`).not.toBe(r.fix);
        expect(out.message + out.fix, r.code).not.toMatch(/\{\{|engine:/);
      }
      expect(refusalIn('en', r)).toEqual(r);
    }
  });

  it('the English reads as it did when the refusals were built inline', () => {
    expect(operationBusy({ pid: 7, host: 'box', doing: em('opWhat.rolling-back'), file: '/d/torchlift.lock' })).toMatchObject({
      code: 'operation-in-progress',
      message: 'Another TorchLift operation is running (pid 7 on box, rolling back).',
      fix: 'Wait for it to finish or close the other TorchLift window, then try again. If no TorchLift is running, delete "/d/torchlift.lock".',
    });
    expect(operationBusy({ pid: 7, host: null, doing: '', file: 'f' }).message).toBe('Another TorchLift operation is running (pid 7).');
    expect(dataDirRefusal({ dir: '/d', code: 'EEXIST' }).message).toBe('The TorchLift data folder "/d" cannot be used: it (or a folder above it) is a file, not a folder. It holds the journals and backups, so nothing was changed.');
    expect(dataDirRefusal({ dir: '/d', code: 'EPERM' }).message).toContain(': it cannot be written to (EPERM). It holds');
    expect(versionRefusals({ cudnnDir: '/c', cudnn: { from: '8.9.7', to: '8.7.0' }, cudaDir: '/t', cuda: { from: '12.4', to: '12.1' } })).toMatchObject([
      { code: 'cudnn-downgrade', message: '"/c" has cuDNN 8.7.0, older than the cuDNN 8.9.7 this install uses now. TorchLift does not downgrade.', fix: 'Use a cuDNN archive of version 8.9.7 or newer. To undo an earlier swap, use "torchlift rollback" (see "torchlift history").' },
      { code: 'cuda-downgrade', message: '"/t" is CUDA 12.1, older than the CUDA 12.4 this torch build uses. TorchLift does not downgrade.', fix: 'Use a CUDA toolkit of version 12.4 or newer (same major). To undo an earlier swap, use "torchlift rollback".' },
    ]);
    expect(built.find((r) => r.code === 'not-committed')?.message).toBe('Transaction tx-9 is rolled-back; only committed transactions can be rolled back.');
    expect(built.find((r) => r.code === 'no-python')?.message).toBe(`No Python environment (venv, .venv, python_embeded) was found in "${DIR}".`);
  });

  it('quoted parts (what the lock holder does, why a journal does not hold up) are rendered in the same language', () => {
    expect(refusalIn('ja', operationBusy({ pid: 7, host: null, doing: em('opWhat.recovering'), file: 'f' })).message).toBe('別の TorchLift の処理が実行中です（プロセス 7、復旧中）。');
    expect(refusalIn('zh-CN', operationBusy({ pid: 7, host: 'box', doing: em('opWhat.applying', { goal: 'dll-swap' }), file: 'f' })).message).toBe('另一个 TorchLift 操作正在运行（box 上的进程 7，正在应用 dll-swap）。');
    const link = targetIsLink({ file: '/v/cudnn64_8.dll', real: '/x/cudnn64_8.dll' });
    expect(refusalIn('ja', journalUntrusted({ id: 'tx-3', problem: link.messageMsg! })).message)
      .toBe('トランザクション tx-3 はロールバックできません。ジャーナルの内容が信頼できません（「/v/cudnn64_8.dll」はファイルではなく、「/x/cudnn64_8.dll」へのリンクです。TorchLift はリンク先を置き換えることはありません。）。');
    expect(journalUntrusted({ id: 'tx-3', problem: em('journalProblem.staging', { staging: '/x.tl', id: 'tx-3' }), lang: 'zh-CN' }).message)
      .toBe('事务 tx-3 无法回滚：其日志不可信（其暂存文件名“/x.tl”不是事务 tx-3 使用的名称）。');
  });

  it('keeps paths verbatim, picks the right variant, and leaves a refusal without messages (an older engine) as it is', () => {
    expect(refusalIn('ja', notWritable({ dir: DIR, code: 'EROFS' })).message).toBe(`「${DIR}」は読み取り専用のドライブにあります（EROFS）。TorchLift はここのファイルを変更できません。`);
    expect(refusalIn('zh-CN', notWritable({ dir: DIR, code: 'EPERM' })).message).toBe(`TorchLift 无权写入“${DIR}”（EPERM）。`);
    expect(notWritable({ dir: 'x', code: 'EROFS', lang: 'ja' }).fix).toMatch(/ください。$/);
    const legacy = { code: 'not-committed', message: 'Transaction tx-9 is rolled-back; only committed transactions can be rolled back.', fix: 'Run "torchlift history".' };
    expect(refusalIn('ja', legacy)).toEqual(legacy);
  });
});

describe('reasons, jobs and history in the user language', () => {
  const probeError = 'OSError: [WinError 126] Error loading "C:\\AI & Art\\venv\\torch\\lib\\cudnn_cnn_infer64_8.dll" or one of its dependencies.';
  const verifyFailed = em('reason.verification-failed', { detail: em('verify.import-failed', { error: probeError }) });

  it('renders a verification failure around the raw probe error, kept verbatim', () => {
    expect(english(verifyFailed)).toBe(`verification failed: import torch failed: ${probeError}`);
    expect(say('ja', verifyFailed)).toBe(`検証に失敗しました: import torch に失敗しました: ${probeError}`);
    expect(say('zh-CN', verifyFailed)).toBe(`验证失败：import torch 失败：${probeError}`);
    expect(textIn('ja', probeError)).toBe(probeError);
  });

  it('file failures, user rollbacks, interruptions and unfinished rollbacks', () => {
    const fs = describeFsFailure({ action: 'restoring', file: `${DIR}\\cudnn64_8.dll`, code: 'EBUSY' });
    expect(english(fs)).toBe(`Restoring "${DIR}\\cudnn64_8.dll" failed: the file is in use: close the web UI that runs from this venv`);
    expect(say('ja', fs)).toBe(`「${DIR}\\cudnn64_8.dll」の復元に失敗しました: ファイルが使用中です。この venv で動いている WebUI を閉じてください`);
    expect(say('zh-CN', describeFsFailure({ action: 'moving-aside', file: 'x.dll', code: 'EXDEV' }))).toBe('移走旧文件“x.dll”失败：EXDEV');
    expect(say('ja', em('reason.by-user'))).toBe('ユーザーの操作でロールバックしました');
    expect(say('zh-CN', em('reason.interrupted', { state: em('state.applying') }))).toBe('在应用过程中被中断（TorchLift 已停止）');
    const incomplete = em('reason.rollback-incomplete', { reason: em('reason.verification-failed', { detail: em('verify.no-checks') }), rollbackReason: fs });
    expect(english(incomplete)).toBe(`verification failed: the probe did not run its checks; the rollback is not finished: ${english(fs)}. Close the web UI that runs from this venv, then run "torchlift recover".`);
    expect(say('ja', incomplete)).toMatch(/^検証に失敗しました: プローブが検証を実行しませんでした。ロールバックはまだ完了していません: 「.*」の復元に失敗しました/);
  });

  it('a rolled-back job reads "ロールバックしました: <reason>" from its messages; the log is left as written', () => {
    const job: Job = {
      id: 'job-1', goal: 'dll-swap', status: 'rolled-back', phase: 'rolled-back', txId: 'tx-1', files: [], log: ['x verify: FAIL import'],
      message: english(em('job.rolled-back', { reason: verifyFailed })), messageMsg: em('job.rolled-back', { reason: verifyFailed }),
      startedAt: 'a', finishedAt: 'b', app: null, downloads: [], verify: null,
      result: { kind: 'rolled-back', txId: 'tx-1', reason: english(verifyFailed), reasonMsg: verifyFailed },
    };
    const ja = jobIn('ja', job);
    expect(ja.message).toBe(`ロールバックしました: 検証に失敗しました: import torch に失敗しました: ${probeError}`);
    expect(ja.result).toEqual({ kind: 'rolled-back', txId: 'tx-1', reason: `検証に失敗しました: import torch に失敗しました: ${probeError}`, reasonMsg: verifyFailed });
    expect(ja.log).toEqual(job.log);
    expect(jobIn('en', job)).toEqual(job);
    const reasons = em('list.sentences', { first: busy({ txId: 'tx-2', pid: 7 }).messageMsg!, next: busy({ txId: 'tx-3', pid: 8 }).messageMsg! });
    expect(say('zh-CN', em('job.refused', { reasons }))).toBe('已拒绝：另一个 TorchLift（进程 7）正在修改此安装（事务 tx-2）。另一个 TorchLift（进程 8）正在修改此安装（事务 tx-3）。');
    // A job from before messages (or with raw text) shows what it holds.
    expect(jobIn('ja', { ...job, messageMsg: null, message: 'rolled back: x' }).message).toBe('rolled back: x');
    expect(outcomeIn('ja', { kind: 'rolled-back', txId: 't', reason: 'OSError: raw' })).toEqual({ kind: 'rolled-back', txId: 't', reason: 'OSError: raw' });
  });

  it('history titles, reasons and recovery notes from their messages; legacy English-only rows as stored', () => {
    const intent = em('intent.dll-swap', { what: 'cuDNN 8.7.0 → 8.9.7', app: 'stable-diffusion-webui' });
    const reason = em('reason.interrupted', { state: em('state.preparing') });
    const note = em('recovery.interrupted', { id: 'tx-1', intent, state: em('state.preparing') });
    const entry = {
      id: 'tx-1', goal: 'dll-swap', intent: english(intent), app: null, createdAt: 'a', updatedAt: 'b',
      time: 'a', state: 'recovered' as const, journalState: 'rolled-back' as const, status: 'recovered' as const, reason: english(reason),
      recoveryNote: english(note), intentMsg: intent, reasonMsg: reason, recoveryNoteMsg: note, files: [], backupBytes: 0, rollbackAvailable: false,
    };
    expect(entry.recoveryNote).toBe('Transaction tx-1 (DLL swap (cuDNN 8.7.0 → 8.9.7) in stable-diffusion-webui) was interrupted while preparing; it was rolled back and every file is as it was before.');
    const ja = historyEntryIn('ja', entry);
    expect(ja.intent).toBe('DLL の入れ替え（cuDNN 8.7.0 → 8.9.7）: stable-diffusion-webui');
    expect(ja.reason).toBe('準備の途中で中断されました（TorchLift が停止しました）');
    expect(ja.recoveryNote).toBe('トランザクション tx-1（DLL の入れ替え（cuDNN 8.7.0 → 8.9.7）: stable-diffusion-webui）は準備の途中で中断されました。ロールバックし、すべてのファイルを元の状態に戻しました。');
    const legacy = { ...entry, intentMsg: undefined, reasonMsg: undefined, recoveryNoteMsg: undefined };
    expect(historyEntryIn('ja', legacy)).toEqual(legacy);
    // A journal skipped because the lock is busy (or the data folder unusable) quotes the refusal whole.
    for (const r of [operationBusy({ pid: 42, host: null, doing: em('opWhat.rolling-back'), file: `${DIR}/torchlift.lock` }), dataDirRefusal({ dir: DIR, code: 'EACCES' })]) {
      const skipped = em('recovery.left-alone', { id: 'tx-1', intent, refusal: refusalSentence(r) });
      expect(english(skipped)).toBe(`Transaction tx-1 (${english(intent)}) was left alone: ${r.message} ${r.fix}`);
      const jaNote = recoveryNoteIn('ja', { txId: 'tx-1', action: 'skipped', note: english(skipped), noteMsg: skipped }).note;
      expect(jaNote).toBe(`トランザクション tx-1（DLL の入れ替え（cuDNN 8.7.0 → 8.9.7）: stable-diffusion-webui）はそのままにしました: ${refusalIn('ja', r).message}${refusalIn('ja', r).fix}`);
    }
    const problem = behindLink({ link: '/v/sp/nvidia', real: '/elsewhere', inside: '/v/sp' }).messageMsg!;
    expect(say('zh-CN', em('recovery.untrusted', { id: 'tx-1', intent, problem }))).toBe('事务 tx-1（DLL 替换（cuDNN 8.7.0 → 8.9.7）：stable-diffusion-webui）未被改动：其日志不可信（“/v/sp/nvidia”是指向“/elsewhere”的链接，该位置在“/v/sp”之外。TorchLift 只修改确实位于安装内的文件，因此不会跟随此链接。）。请手动检查这些文件；确认无误后删除该事务的文件夹。');
    expect(say('zh-CN', em('plan.notes.zlib-on-path'))).toMatch(/^torch\/lib 和 cuDNN/);
  });
});
