import { describe, expect, it } from 'vitest';
import { loadSamples, type Sample } from '../../../e2e/fixtures/samples.js';
import { parseExpected, splitTopLevel, withoutNotes } from '../../../e2e/fixtures/expected.js';
import { parseLauncherConfig, type LauncherConfigParse } from './launcher-config.js';

const quotedList = (value: string): string[] =>
  splitTopLevel(/^\[(.*)\]/.exec(value)?.[1] ?? '', ',').map((item) => item.replace(/^'(.*)'$/, '$1'));

/** Checks the EXPECTED keys that have a generic meaning: python, UPPER_CASE variables, interpreter, flags. */
function checkExpected(expected: Record<string, string>, parsed: LauncherConfigParse): number {
  let checked = 0;
  for (const [key, value] of Object.entries(expected)) {
    if (key === 'COMMANDLINE_ARGS') expect(parsed.commandlineArgs).toEqual(quotedList(value));
    else if (key === 'python' || /^[A-Z][A-Z0-9_]*$/.test(key)) {
      const name = key === 'python' ? 'PYTHON' : key;
      const want = /^unset\b/.test(value) ? undefined : /^empty\b/.test(value) ? '' : withoutNotes(value);
      expect(parsed.vars[name], key).toBe(want);
    } else if (key === 'interpreter') expect(parsed.launches[0]?.interpreter).toBe(withoutNotes(value));
    else if (key === 'flags') expect(parsed.launches[0]?.args).toEqual(quotedList(value));
    else continue;
    checked++;
  }
  return checked;
}

/** Per-file expectations for headers written as prose (or keys the generic loop cannot read). */
const EXPLICIT: Record<string, { skip?: string[]; check: (sample: Sample) => void }> = {
  '001.txt': {
    check: (s) => {
      const parsed = parseLauncherConfig(s.text);
      expect(parsed.flavour).toBe('bat');
      expect(parsed.problems.map((p) => [p.kind, p.line])).toEqual([
        ['quoted-set', 'set PYTHON="C:\\Users\\USER\\AppData\\Local\\Programs\\Python\\Python310\\python.exe"'],
      ]);
      expect(parsed.launches).toEqual([]);
    },
  },
  '004.txt': {
    check: (s) => {
      const parsed = parseLauncherConfig(s.text);
      expect(parsed.flavour).toBe('bat');
      expect(parsed.vars).toMatchObject({ PYTHON: '', GIT: '', VENV_DIR: '' });
      expect(parsed.problems).toEqual([]);
    },
  },
  '007.txt': {
    check: (s) => {
      const parsed = parseLauncherConfig(s.text);
      expect(parsed.flavour).toBe('sh');
      expect(parsed.vars).toEqual({ TORCH_COMMAND: 'pip install torch>=2.11.0 torchvision>=0.26.0' });
    },
  },
  '010.txt': {
    // The assignments sit inside prose sentences; only line-start assignments are read.
    skip: ['COMMANDLINE_ARGS'],
    check: (s) => {
      expect(parseLauncherConfig(s.text, 'sh').vars).toEqual({});
      const fixed = parseLauncherConfig('#export COMMANDLINE_ARGS=""\nexport COMMANDLINE_ARGS="--api"\n', 'sh');
      expect(fixed.commandlineArgs).toEqual(['--api']);
      const smart = parseLauncherConfig('export COMMANDLINE_ARGS="--skip-torch-cuda-test”', 'sh');
      expect(smart.commandlineArgs).toEqual(['--skip-torch-cuda-test']);
      expect(smart.problems.map((p) => p.kind)).toEqual(['other']);
    },
  },
  '013.txt': {
    check: (s) => {
      const [prompt, runBat] = s.sections.map((text) => parseLauncherConfig(text, 'bat'));
      expect(prompt?.launches[0]).toMatchObject({ interpreter: '.\\python_embeded\\python.exe', script: 'ComfyUI\\main.py', args: ['--windows-standalone-build'] });
      expect(prompt?.launches).toHaveLength(1);
      expect(runBat?.vars).toEqual({ CUR_WD: '%~dp0' });
      expect(runBat?.problems).toEqual([]);
      expect(runBat?.launches[0]).toMatchObject({ interpreter: '%CUR_WD%/python_embeded/python.exe', pythonArgs: ['-s'], script: 'ComfyUI\\main.py' });
    },
  },
  '016.txt': {
    check: (s) => expect(parseLauncherConfig(s.text).launches[0]).toMatchObject({ pythonArgs: ['-s'], script: 'ComfyUI\\main.py' }),
  },
};

describe('parseLauncherConfig on every F sample', () => {
  const samples = loadSamples('F_launch_configs');
  it('found samples', () => expect(samples.length).toBeGreaterThan(0));
  for (const sample of samples) {
    it(sample.file, () => {
      const explicit = EXPLICIT[sample.file];
      const expected = parseExpected(sample.header.EXPECTED);
      for (const key of explicit?.skip ?? []) delete expected[key];
      const checked = checkExpected(expected, parseLauncherConfig(sample.text));
      explicit?.check(sample);
      expect(checked > 0 || explicit !== undefined, 'something was checked').toBe(true);
    });
  }
});

describe('parseLauncherConfig (bat)', () => {
  it('reads every set form and reports quoted paths and self references', () => {
    const text = [
      '@echo off',
      'rem set PYTHON=C:\\old\\python.exe',
      ':: set GIT=C:\\old\\git.exe',
      'set "PYTHON=C:\\AI & Art\\[SD] 画像\\python.exe"',
      'set GIT="C:\\Program Files\\Git\\bin\\git.exe"',
      'set VENV_DIR=VENV_DIR',
      'set COMMANDLINE_ARGS=--xformers --ckpt-dir "D:\\モデル\\Stable Diffusion"',
      'set COMMANDLINE_ARGS=%COMMANDLINE_ARGS% --medvram',
      'set /a N=1+1',
      'call webui.bat',
    ].join('\r\n');
    const parsed = parseLauncherConfig(text, 'bat');
    expect(parsed.vars).toEqual({
      PYTHON: 'C:\\AI & Art\\[SD] 画像\\python.exe',
      GIT: 'C:\\Program Files\\Git\\bin\\git.exe',
      VENV_DIR: 'VENV_DIR',
      COMMANDLINE_ARGS: '--xformers --ckpt-dir "D:\\モデル\\Stable Diffusion" --medvram',
    });
    expect(parsed.commandlineArgs).toEqual(['--xformers', '--ckpt-dir', 'D:\\モデル\\Stable Diffusion', '--medvram']);
    expect(parsed.problems.map((p) => [p.kind, p.line])).toEqual([
      ['quoted-set', 'set GIT="C:\\Program Files\\Git\\bin\\git.exe"'],
      ['self-reference', 'set VENV_DIR=VENV_DIR'],
    ]);
    expect(parsed.evidence).toHaveLength(5);
  });

  it('flags %VENV_DIR% self reference, a space before "=", trailing spaces and a quoted COMMANDLINE_ARGS', () => {
    const text = 'set VENV_DIR=%VENV_DIR%\nset PYTHON =C:\\py\\python.exe\nset GIT=C:\\git\\git.exe   \nset COMMANDLINE_ARGS="--xformers --api"\n';
    const parsed = parseLauncherConfig(text);
    expect(parsed.flavour).toBe('bat');
    expect(parsed.problems.map((p) => p.kind)).toEqual(['self-reference', 'other', 'other', 'other']);
    expect(parsed.vars.VENV_DIR).toBe('');
    expect(parsed.vars.GIT).toBe('C:\\git\\git.exe');
    expect(parsed.commandlineArgs).toEqual(['--xformers --api']);
  });

  it('names the variable, the meant value and the exact cause of each problem', () => {
    const text = [
      'set PYTHON="C:\\AI & Art\\[SD] 画像\\python.exe"',
      'set TORCH_COMMAND="pip install torch==2.1.2"',
      'set COMMANDLINE_ARGS="--xformers --api"',
      'set XFORMERS_PACKAGE =xformers==0.0.23',
      'set VENV_DIR=%VENV_DIR%',
    ].join('\r\n');
    const parsed = parseLauncherConfig(text, 'bat');
    expect(parsed.problems.map((p) => [p.kind, p.cause, p.variable, p.value])).toEqual([
      ['quoted-set', 'quoted-path', 'PYTHON', 'C:\\AI & Art\\[SD] 画像\\python.exe'],
      ['other', 'quoted-value', 'TORCH_COMMAND', 'pip install torch==2.1.2'],
      ['other', 'quoted-args', 'COMMANDLINE_ARGS', '--xformers --api'],
      ['other', 'space-before-equals', 'XFORMERS_PACKAGE', 'xformers==0.0.23'],
      ['self-reference', 'self-reference', 'VENV_DIR', '%VENV_DIR%'],
    ]);
    // cmd.exe keeps the quotes of a non-path variable in its value
    expect(parsed.vars.TORCH_COMMAND).toBe('"pip install torch==2.1.2"');
    const smart = parseLauncherConfig('export COMMANDLINE_ARGS=”--api”', 'sh').problems;
    expect(smart.map((p) => [p.cause, p.variable, p.value])).toEqual([['smart-quotes', 'COMMANDLINE_ARGS', '--api']]);
    const trailing = parseLauncherConfig('set GIT=C:\\git\\git.exe  ', 'bat').problems;
    expect(trailing.map((p) => [p.cause, p.value])).toEqual([['trailing-spaces', 'C:\\git\\git.exe']]);
  });

  it('a quoted single-word COMMANDLINE_ARGS or an empty value is not a problem', () => {
    expect(parseLauncherConfig('set COMMANDLINE_ARGS="--xformers"\nset GIT=\nset "PYTHON=C:\\py\\python.exe"', 'bat').problems).toEqual([]);
  });

  it('reads PowerShell $env: lines', () => {
    const parsed = parseLauncherConfig('$env:COMMANDLINE_ARGS = "--api --listen"\n$env:WEBUI_LAUNCH_LIVE_OUTPUT=1\n');
    expect(parsed.vars).toEqual({ COMMANDLINE_ARGS: '--api --listen', WEBUI_LAUNCH_LIVE_OUTPUT: '1' });
    expect(parsed.commandlineArgs).toEqual(['--api', '--listen']);
  });
});

describe('parseLauncherConfig (sh)', () => {
  it('reads exports, plain assignments and quotes; ignores comments', () => {
    const text = [
      '#!/bin/bash',
      '#export COMMANDLINE_ARGS=""',
      'install_dir="/home/me/AI & art"',
      "export COMMANDLINE_ARGS='--xformers --ckpt \"/data/my models/v1.ckpt\"'  # comment",
      'export python_cmd="python3.10"',
      'export TORCH_COMMAND="pip install torch==2.1.2 --extra-index-url https://download.pytorch.org/whl/cu121"',
      'export VENV_DIR="${install_dir}/venv"',
    ].join('\n');
    const parsed = parseLauncherConfig(text);
    expect(parsed.flavour).toBe('sh');
    expect(parsed.vars).toEqual({
      install_dir: '/home/me/AI & art',
      COMMANDLINE_ARGS: '--xformers --ckpt "/data/my models/v1.ckpt"',
      python_cmd: 'python3.10',
      TORCH_COMMAND: 'pip install torch==2.1.2 --extra-index-url https://download.pytorch.org/whl/cu121',
      VENV_DIR: '/home/me/AI & art/venv',
    });
    expect(parsed.commandlineArgs).toEqual(['--xformers', '--ckpt', '/data/my models/v1.ckpt']);
    expect(parsed.problems).toEqual([]);
  });

  it('flags a VENV_DIR that refers to itself', () => {
    const parsed = parseLauncherConfig('export VENV_DIR="$VENV_DIR"\n', 'sh');
    expect(parsed.problems.map((p) => p.kind)).toEqual(['self-reference']);
  });

  it('reads python launches but not prose that starts with "Python"', () => {
    const text = 'Python 3.10.6 (main, Nov 2022) [MSC v.1932 64 bit (AMD64)]\n"C:\\SD 画像\\venv\\Scripts\\Python.exe" -X utf8 launch.py --xformers\npython -m pip install -U xformers\n';
    const parsed = parseLauncherConfig(text);
    expect(parsed.launches.map((l) => [l.interpreter, l.pythonArgs, l.script, l.module, l.args])).toEqual([
      ['C:\\SD 画像\\venv\\Scripts\\Python.exe', ['-X', 'utf8'], 'launch.py', null, ['--xformers']],
      ['python', [], null, 'pip', ['install', '-U', 'xformers']],
    ]);
  });

  it('returns empty results for unrelated text', () => {
    expect(parseLauncherConfig('Bonjour 你好')).toMatchObject({ vars: {}, commandlineArgs: [], problems: [], launches: [] });
  });
});
