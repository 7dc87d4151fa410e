import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DetectReport, Install } from '../../shared/schemas/detect.js';
import { Finding } from '../../shared/schemas/finding.js';
import { forcedSmiMissing, notInstalledDriver } from '../engine/detect/gpu-driver-assemble.js';
import { classifyLayout } from '../engine/detect/install-kind.js';
import { diagnoseReport } from '../engine/doctor/diagnose-report.js';
import { doctorText } from '../engine/doctor/doctor-text.js';
import { renderIn } from '../engine/i18n/msg-text.js';
import { type Catalog, loadCatalog, lookup, placeholders } from '../engine/i18n/translate.js';
import { classifyNvidiaSmiFailure } from '../engine/parsers/nvidia-smi.js';
import { COMMANDS } from './commands/index.js';
import { formatDetectReport, formatFindings } from './format/detect-text.js';
import { commandHelp, globalHelp } from './help.js';
import { main } from './main.js';

function leafKeys(c: Catalog, prefix = ''): string[] {
  return Object.entries(c).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leafKeys(v, `${prefix}${k}.`)));
}

const LATIN_SENTENCE = /\b[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+\b/;

describe('cli and detect catalogs', () => {
  it.each(['cli', 'detect'])('%s: ja and zh-CN have every English key with the same placeholders, and read differently', (ns) => {
    const en = loadCatalog('en', ns);
    for (const lang of ['ja', 'zh-CN'] as const) {
      const other = loadCatalog(lang, ns);
      expect(leafKeys(other).sort(), lang).toEqual(leafKeys(en).sort());
      for (const key of leafKeys(en)) {
        const text = lookup(other, key) ?? '';
        expect(placeholders(text), `${lang} ${ns}:${key}`).toEqual(placeholders(lookup(en, key) ?? ''));
        // Longer English sentences must not have been left untranslated.
        if ((lookup(en, key) ?? '').split(' ').length >= 4) expect(text, `${lang} ${ns}:${key}`).not.toBe(lookup(en, key));
      }
    }
  });
});

describe('torchlift --help in the user language', () => {
  it('lists every command with a Japanese / Chinese summary and no English sentence', () => {
    const ja = globalHelp(COMMANDS, 'ja');
    expect(ja).toContain('使い方: torchlift <コマンド> [オプション]');
    expect(ja).toContain('貼り付けたテキストを診断します');
    expect(ja).toContain('終了コード: 0 成功');
    const zh = globalHelp(COMMANDS, 'zh-CN');
    expect(zh).toContain('用法：torchlift <命令> [选项]');
    expect(zh).toContain('以经过验证的事务执行操作，失败时自动回滚');
    for (const text of [ja, zh]) {
      expect(text).not.toContain('Diagnose pasted text');
      expect(text.replace(/--\S+/g, '')).not.toMatch(LATIN_SENTENCE);
    }
    expect(globalHelp(COMMANDS, 'en')).toContain('Diagnose pasted text: an error log');
  });

  it('each command\'s help: summary, usage, the stdin note and "repeatable" translated', () => {
    const detect = COMMANDS.find((c) => c.name === 'detect');
    const doctor = COMMANDS.find((c) => c.name === 'doctor');
    if (!detect || !doctor) throw new Error('commands missing');
    expect(commandHelp(detect, 'ja')).toContain('--app <APP> （複数指定できます）');
    expect(commandHelp(doctor, 'ja')).toContain('「-」を指定すると標準入力から読み込みます。');
    expect(commandHelp(doctor, 'zh-CN')).toContain('指定“-”时从标准输入读取。');
    expect(commandHelp(doctor, 'en')).toContain('"-" reads standard input.');
  });

  it('main() answers --help in the language of --lang or LANG, and explains an unknown command so', async () => {
    const run = async (argv: string[], env: NodeJS.ProcessEnv): Promise<{ out: string; err: string; code: number }> => {
      let out = '';
      let err = '';
      const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s), env });
      return { out, err, code };
    };
    expect((await run(['--help', '--lang', 'zh-CN'], {})).out).toContain('命令：');
    expect((await run(['--help'], { LANG: 'ja_JP.UTF-8' })).out).toContain('コマンド:');
    expect((await run(['history', '--help', '--lang=ja'], {})).out).toContain('これまでのトランザクション');
    const unknown = await run(['frobnicate', '--lang', 'ja'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('「frobnicate」というコマンドはありません');
  });

  it('torchlift doctor explains input it cannot read in the user language (exit 2)', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-cli-text-'));
    try {
      const run = async (argv: string[]): Promise<{ err: string; code: number }> => {
        let err = '';
        const code = await main(argv, { out: () => undefined, err: (s) => (err += s), env: { TORCHLIFT_DATA_DIR: data } });
        return { err, code };
      };
      const folder = await run(['doctor', data, '--lang', 'zh-CN']);
      expect(folder.code).toBe(2);
      expect(folder.err).toContain(`“${data}”是文件夹`);
      expect(folder.err).toContain('请指定要诊断的文本文件。');
      const missing = await run(['doctor', path.join(data, 'ログ.txt'), '--lang', 'ja']);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain(`「${path.join(data, 'ログ.txt')}」を読み込めません（ENOENT）`);
      expect((await run(['doctor', '--lang', 'ja'])).err).toContain('読み込むファイルを指定するか');
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  });
});

const PATH = 'D:\\AI & Art\\[SD] 画像生成\\webui';

function install(over: Partial<Install> = {}): Install {
  return {
    kind: 'a1111', path: PATH, python: { path: `${PATH}\\venv\\Scripts\\python.exe`, version: '3.10.11' },
    torch: { version: '2.1.2+cpu', cudaVersion: null, cudnnVersion: null, cudaAvailable: false, archList: [] },
    torchvision: null, xformers: { version: '0.0.23.post1', builtForTorch: '2.1.2+cu121' }, libraries: [], ...over,
  };
}

describe('detect texts in the user language', () => {
  it('the driver card\'s "nvidia-smi was not found" and the other driver messages carry a message that translates', () => {
    const missing = notInstalledDriver(['C:\\Windows\\System32\\nvidia-smi.exe']).driver;
    expect(missing.message).toMatch(/^nvidia-smi was not found: either no NVIDIA driver is installed/);
    expect(missing.message).toContain('Looked for it at: C:\\Windows\\System32\\nvidia-smi.exe.');
    if (!missing.messageMsg) throw new Error('no messageMsg');
    expect(renderIn('ja', missing.messageMsg)).toBe('nvidia-smi が見つかりません。NVIDIA ドライバーが入っていないか、このパソコンに NVIDIA の GPU がありません（AMD・Intel・Apple の GPU では CUDA 版の torch は動きません）。探した場所: C:\\Windows\\System32\\nvidia-smi.exe。');
    expect(renderIn('zh-CN', missing.messageMsg)).toContain('找不到 nvidia-smi：要么没有安装 NVIDIA 驱动');
    const forced = forcedSmiMissing('/opt/nv smi').driver;
    expect(renderIn('ja', forced.messageMsg ?? { key: 'x' })).toContain('TORCHLIFT_NVIDIA_SMI に「/opt/nv smi」が設定されていますが');
    const failure = classifyNvidiaSmiFailure('NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver.');
    expect(failure?.message).toMatch(/^nvidia-smi could not talk to the NVIDIA driver/);
    expect(renderIn('zh-CN', failure?.msg ?? { key: 'x' })).toMatch(/^nvidia-smi 无法与 NVIDIA 驱动通信/);
  });

  it('install-layout problems keep their English string and translate through problemMsgs', () => {
    const layout = classifyLayout(new Set(['python_embeded', 'ComfyUI']), new Set());
    expect(layout.problems.map((m) => renderIn('en', m))).toEqual(['broken layout: python_embeded/ is there but ComfyUI/main.py is missing']);
    expect(renderIn('ja', layout.problems[0] ?? { key: 'x' })).toBe('フォルダー構成が壊れています。python_embeded/ はありますが ComfyUI/main.py がありません');
    expect(renderIn('zh-CN', classifyLayout(new Set(['foo']), new Set()).problems[0] ?? { key: 'x' })).toMatch(/^不是 Stable Diffusion 安装：没有找到/);
  });

  it('torchlift detect / doctor text: headings, labels, driver message and problems in ja and zh-CN', () => {
    const driver = notInstalledDriver([]).driver;
    const broken = install({ problems: ['x'], problemMsgs: classifyLayout(new Set(['webui.py']), new Set()).problems });
    const report: DetectReport = { schemaVersion: 1, platform: 'windows', gpus: [], driver, toolkits: [], installs: [broken], findings: [] };
    const ja = formatDetectReport(report, 'ja');
    expect(ja).toContain('プラットフォーム: windows');
    expect(ja).toContain('ドライバー: 入っていません');
    expect(ja).toContain('nvidia-smi が見つかりません。');
    expect(ja).toContain('CUDA Toolkit（nvcc）:');
    expect(ja).toContain('torch: 2.1.2+cpu（CUDA なし（CPU 版）, GPU 使用不可）');
    expect(ja).toContain('xformers: 0.0.23.post1 (torch 2.1.2+cu121 用)');
    expect(ja).toContain('問題: 認識できないフォルダーです。webui.py はありますが modules/launch_utils.py がありません');
    const zh = formatDetectReport(report, 'zh-CN');
    expect(zh).toContain('驱动：未安装');
    expect(zh).toContain('Stable Diffusion 安装：');
    for (const text of [ja, zh]) expect(text).not.toMatch(/Driver:|GPUs:|not installed|newest CUDA|Looked for it/);
    expect(formatFindings([], 'zh-CN')).toBe('未发现问题。\n');
  });

  it('evidence lines TorchLift writes itself (from a scan) are in the user language, quoted log lines verbatim', () => {
    const report: DetectReport = {
      schemaVersion: 1, platform: 'windows',
      gpus: [{ index: 0, name: 'NVIDIA GeForce RTX 4070', memoryTotalMiB: 12282, computeCapability: '8.9' }],
      driver: { status: 'ok', version: '546.33', maxCudaVersion: '12.3', message: '' },
      toolkits: [], installs: [install()], findings: [],
    };
    const cpu = diagnoseReport(report, 'ja', {}).find((f) => f.code === 'cpu-only-torch');
    expect(cpu?.evidence).toContain(`torch 2.1.2+cpu（${PATH}）`);
    expect(cpu?.evidenceParts?.some((p) => typeof p !== 'string' && p.key === 'detect:evidence.torch')).toBe(true);
    expect(Finding.safeParse(cpu).success).toBe(true);
    const log = 'AssertionError: Torch not compiled with CUDA enabled';
    const pasted = doctorText(log, 'zh-CN', {}, { machine: report }).findings.find((f) => f.code === 'cpu-only-torch');
    expect(pasted?.evidence).toContain(log);
    expect(pasted?.evidence).toContain(`扫描结果：torch 2.1.2+cpu（${PATH}）`);
    expect(pasted?.evidence.join('\n')).not.toContain('scan:');
    const en = doctorText(log, 'en', {}, { machine: report }).findings.find((f) => f.code === 'cpu-only-torch');
    expect(en?.evidence).toContain(`scan: torch 2.1.2+cpu (${PATH})`);
  });
});
