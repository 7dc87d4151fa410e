import { describe, expect, it } from 'vitest';
import { launcherFromInstall, launcherFromText, launcherLines } from './launcher-facts.js';

describe('launcherFromText (pasted text through parseLauncherConfig)', () => {
  it('reads launcher lines among log lines, with paths holding spaces, & [ ] and Japanese', () => {
    const text = [
      'venv "C:\\AI & Art\\[SD] 画像\\venv\\Scripts\\Python.exe"',
      'Python 3.10.6 (tags/v3.10.6:9c7b4bd, Aug  1 2022, 21:53:49) [MSC v.1932 64 bit (AMD64)]',
      '@echo off',
      'set PYTHON="C:\\AI & Art\\[SD] 画像\\python.exe"',
      'set COMMANDLINE_ARGS=--xformers --ckpt-dir "D:\\モデル\\Stable Diffusion"',
      'call webui.bat',
    ].join('\n');
    const l = launcherFromText(text);
    expect(l?.file).toBe('webui-user.bat');
    expect(l?.vars.PYTHON).toBe('C:\\AI & Art\\[SD] 画像\\python.exe');
    expect(l?.commandlineArgs).toEqual(['--xformers', '--ckpt-dir', 'D:\\モデル\\Stable Diffusion']);
    expect(l?.problems.map((p) => [p.cause, p.variable])).toEqual([['quoted-path', 'PYTHON']]);
  });

  it('reads an export written inside a sentence and bare assignments of known variables', () => {
    expect(launcherLines('If I add export COMMANDLINE_ARGS="--skip-torch-cuda-test”\nTORCH_COMMAND=pip install torch==2.0.1\n#export X=1')).toEqual([
      'export COMMANDLINE_ARGS="--skip-torch-cuda-test”',
      'export TORCH_COMMAND=pip install torch==2.0.1',
    ]);
    const l = launcherFromText('If I add export COMMANDLINE_ARGS="--skip-torch-cuda-test”');
    expect(l?.file).toBe('webui-user.sh');
    expect(l?.commandlineArgs).toEqual(['--skip-torch-cuda-test']);
    expect(l?.problems.map((p) => p.cause)).toEqual(['smart-quotes']);
  });

  it('names PowerShell lines, and returns null without any assignment', () => {
    expect(launcherFromText('$env:COMMANDLINE_ARGS = "--api"')?.file).toBe('PowerShell');
    expect(launcherFromText('RuntimeError: Torch is not able to use GPU\nset')).toBeNull();
  });
});

describe('launcherFromInstall (a detected launcher)', () => {
  const file = 'C:\\AI\\stable diffusion [Forge] & 漢字\\webui-user.bat';

  it('parses the detected problem lines again for variable, value and cause', () => {
    const l = launcherFromInstall({
      file, vars: { VENV_DIR: '' }, commandlineArgs: [],
      problems: [
        { line: 'set VENV_DIR=%VENV_DIR%', kind: 'self-reference', message: '…' },
        { line: 'set TORCH_COMMAND="pip install torch==2.1.2"', kind: 'other', message: '…' },
      ],
    });
    expect(l.problems.map((p) => [p.cause, p.variable, p.value])).toEqual([
      ['self-reference', 'VENV_DIR', '%VENV_DIR%'],
      ['quoted-value', 'TORCH_COMMAND', 'pip install torch==2.1.2'],
    ]);
  });

  it('counts VENV_DIR=VENV_DIR from the variables alone, once', () => {
    const fromVars = launcherFromInstall({ file, vars: { VENV_DIR: 'VENV_DIR' }, commandlineArgs: [] });
    expect(fromVars.problems.map((p) => [p.cause, p.line])).toEqual([['self-reference', 'set VENV_DIR=VENV_DIR']]);
    const both = launcherFromInstall({ file: '/srv/sd/webui-user.sh', vars: { VENV_DIR: 'VENV_DIR' }, commandlineArgs: [], problems: [{ line: 'export VENV_DIR=VENV_DIR', kind: 'self-reference', message: '' }] });
    expect(both.problems).toHaveLength(1);
    expect(launcherFromInstall({ file, vars: { VENV_DIR: 'D:\\venvs\\sd' }, commandlineArgs: [] }).problems).toEqual([]);
  });
});
