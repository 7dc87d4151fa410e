import { describe, expect, it } from 'vitest';
import { reinstallFlags, rewriteLauncher, wantsXformers } from './launcher.js';

const pins = { torchCommand: 'pip install torch==2.1.2+cu121 torchvision==0.16.2+cu121 --extra-index-url https://download.pytorch.org/whl/cu121', xformersPackage: 'xformers==0.0.23.post1' };

describe('rewriteLauncher', () => {
  it('replaces an existing TORCH_COMMAND in webui-user.bat and adds XFORMERS_PACKAGE before "call webui.bat", keeping CRLF', () => {
    const bat = '@echo off\r\n\r\nset PYTHON=\r\nset COMMANDLINE_ARGS=--xformers\r\nset TORCH_COMMAND=pip install torch==2.0.1 torchvision==0.15.2 --extra-index-url https://download.pytorch.org/whl/cu118\r\n\r\ncall webui.bat\r\n';
    const r = rewriteLauncher('webui-user.bat', bat, pins);
    expect(r?.text).toBe(`@echo off\r\n\r\nset PYTHON=\r\nset COMMANDLINE_ARGS=--xformers\r\nset TORCH_COMMAND=${pins.torchCommand}\r\n\r\nset XFORMERS_PACKAGE=xformers==0.0.23.post1\r\ncall webui.bat\r\n`);
    expect(r?.changes.map((c) => [c.variable, c.before === null])).toEqual([['TORCH_COMMAND', false], ['XFORMERS_PACKAGE', true]]);
  });

  it('webui-user.sh: after the commented example, exported and double-quoted; a second rewrite changes nothing', () => {
    const sh = '#!/bin/bash\n#export TORCH_COMMAND="pip install torch==1.12.1+cu113"\nexport COMMANDLINE_ARGS="--xformers"\n';
    const r = rewriteLauncher('webui-user.sh', sh, pins);
    expect(r?.text.split('\n')[2]).toBe(`export TORCH_COMMAND="${pins.torchCommand}"`);
    expect(rewriteLauncher('webui-user.sh', r?.text ?? '', pins)).toBeNull();
  });

  it('flags --reinstall-torch and sees --xformers only in live COMMANDLINE_ARGS lines', () => {
    expect(reinstallFlags('set COMMANDLINE_ARGS=--xformers --reinstall-torch\nrem set COMMANDLINE_ARGS=--reinstall-xformers')).toEqual(['--reinstall-torch']);
    expect(wantsXformers('set COMMANDLINE_ARGS=--medvram --xformers')).toBe(true);
    expect(wantsXformers('# export COMMANDLINE_ARGS="--xformers"')).toBe(false);
  });
});
