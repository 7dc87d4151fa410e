import { describe, expect, it } from 'vitest';
import { buildTorchliftCommand } from './torchlift.js';

/** Splits a shown command line back into words the way its shell would: POSIX ('…', \x) or cmd.exe ("…"). */
function wordsOf(line: string, shell: 'posix' | 'cmd'): string[] {
  const words: string[] = [];
  let cur: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === ' ') {
      if (cur !== null) words.push(cur);
      cur = null;
    } else if ((shell === 'posix' && ch === "'") || (shell === 'cmd' && ch === '"')) {
      const end = line.indexOf(ch, i + 1);
      if (end < 0) throw new Error(`unclosed quote in ${line}`);
      cur = (cur ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (shell === 'posix' && ch === '\\') {
      cur = (cur ?? '') + (line[++i] ?? '');
    } else {
      if (shell === 'posix' && /[&;|<>()$`*?[\]]/.test(ch)) throw new Error(`unquoted ${ch} reaches the shell in ${line}`);
      if (shell === 'cmd' && /[&|<>^]/.test(ch)) throw new Error(`unquoted ${ch} reaches cmd.exe in ${line}`);
      cur = (cur ?? '') + ch;
    }
  }
  if (cur !== null) words.push(cur);
  return words;
}

describe('buildTorchliftCommand (the guided path shows its steps as torchlift commands)', () => {
  const windowsApp = 'C:\\AI\\SD 画像 [テスト] & co';
  const posixApp = "/home/ユーザー/SD 画像 [test] & Bob's";

  it('quotes a Windows path with spaces, &, [ ] and Japanese for cmd.exe, and cmd.exe reads back the same arguments', () => {
    const args = ['apply', 'dll-swap', '--app', windowsApp, '--cuda-dir', 'C:\\Users\\me\\AppData\\Local\\TorchLift\\CUDA\\v12.3'];
    const cmd = buildTorchliftCommand(args, 'windows');
    expect(cmd.display).toBe(`torchlift apply dll-swap --app "${windowsApp}" --cuda-dir C:\\Users\\me\\AppData\\Local\\TorchLift\\CUDA\\v12.3`);
    expect(cmd.args).toEqual(args);
    expect(wordsOf(cmd.display, 'cmd')).toEqual(['torchlift', ...args]);
  });

  it("quotes a POSIX path with spaces, &, [ ], ' and Japanese for a POSIX shell, and the shell reads back the same arguments", () => {
    const args = ['apply', 'cudnn-overlay', '--toolkit', posixApp, '--version', '8.9.7'];
    const cmd = buildTorchliftCommand(args, 'linux');
    expect(cmd.display).toBe(`torchlift apply cudnn-overlay --toolkit '/home/ユーザー/SD 画像 [test] & Bob'\\''s' --version 8.9.7`);
    expect(wordsOf(cmd.display, 'posix')).toEqual(['torchlift', ...args]);
  });

  it('leaves plain words unquoted', () => {
    expect(buildTorchliftCommand(['apply', 'cuda-install', '--version', '12.3', '--mode', 'user'], 'windows').display).toBe('torchlift apply cuda-install --version 12.3 --mode user');
  });
});
