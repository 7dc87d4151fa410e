import { describe, expect, it } from 'vitest';
import { anonymize, buildReportMarkdown, reportFileName } from './report.js';

describe('anonymize', () => {
  it('replaces a Windows home folder in plain, forward-slash and JSON-escaped paths, and the user name elsewhere', () => {
    const text = [
      'C:\\Users\\Taro\\sd\\webui',
      'c:/users/taro/sd/venv',
      '{"path":"C:\\\\Users\\\\Taro\\\\ComfyUI"}',
      'D:\\Users\\Taro\\models',
      'owner Taro ran it',
      'Taroko is someone else',
    ].join('\n');
    const out = anonymize(text, { home: 'C:\\Users\\Taro', user: 'Taro' });
    expect(out).toBe(['~\\sd\\webui', '~/sd/venv', '{"path":"~\\\\ComfyUI"}', 'D:\\Users\\<user>\\models', 'owner <user> ran it', 'Taroko is someone else'].join('\n'));
  });

  it('replaces a POSIX home folder', () => {
    expect(anonymize('/home/alice/stable-diffusion-webui and /mnt/alice/x', { home: '/home/alice', user: 'alice' })).toBe('~/stable-diffusion-webui and /mnt/<user>/x');
  });
});

describe('buildReportMarkdown', () => {
  it('has every section, and a log with backticks cannot break out of its fence', () => {
    const md = buildReportMarkdown({
      lang: 'en', version: '1.2.3', host: 'cli', now: new Date('2026-01-02T03:04:05Z'),
      scan: { error: 'scan failed for a test' }, history: [], logLines: ['line with ``` inside', 'second'],
    });
    expect(md).toMatch(/^# TorchLift report/);
    expect(md).toContain('TorchLift 1.2.3 (cli)');
    expect(md).toContain('## Scan');
    expect(md).toContain('Could not be collected: scan failed for a test');
    expect(md).toContain('## Changes (history)');
    expect(md).toContain('## Recent log (2)');
    expect(md).toContain('````\nline with ``` inside\nsecond\n````');
  });

  it('is written in the requested language', () => {
    const md = buildReportMarkdown({ lang: 'ja', version: '1', host: 'web', now: new Date(), scan: { error: 'x' }, history: [], logLines: [] });
    expect(md).toContain('# TorchLift レポート');
    expect(md).toContain('## 変更履歴');
  });

  it('names the file by local date and time', () => {
    expect(reportFileName(new Date(2026, 0, 2, 3, 4, 5))).toBe('torchlift-report-20260102-030405.md');
  });
});
