import { describe, expect, it } from 'vitest';
import { doctorText } from '../doctor-text.js';

const codes = (text: string): string[] => doctorText(text, 'en', {}).findings.map((f) => f.code);
const find = (text: string, code: string) => doctorText(text, 'en', {}).findings.find((f) => f.code === code);

describe('launcher-pins-torch', () => {
  it('reads TORCH_COMMAND / XFORMERS_PACKAGE pins in .bat and .sh', () => {
    expect(find('set TORCH_COMMAND=pip install torch==2.0.1 torchvision==0.15.2 --extra-index-url https://download.pytorch.org/whl/cu118', 'launcher-pins-torch')?.detail).toContain('webui-user.bat');
    expect(codes('export XFORMERS_PACKAGE="xformers==0.0.20"')).toContain('launcher-pins-torch');
    expect(codes('set COMMANDLINE_ARGS=--xformers')).not.toContain('launcher-pins-torch');
  });
});

describe('launcher-config-syntax', () => {
  it('quoted set of VENV_DIR and multi-word COMMANDLINE_ARGS is a warning; quoted PYTHON is info', () => {
    expect(find('set VENV_DIR="D:\\my venvs\\sd"', 'launcher-config-syntax')?.severity).toBe('warning');
    expect(find('set COMMANDLINE_ARGS="--xformers --medvram"', 'launcher-config-syntax')?.severity).toBe('warning');
    expect(find('set PYTHON="C:\\Python310\\python.exe"', 'launcher-config-syntax')?.severity).toBe('info');
  });
  it('VENV_DIR=VENV_DIR, spaces around =, and typographic quotes', () => {
    expect(find('set VENV_DIR=VENV_DIR', 'launcher-config-syntax')?.detail).toContain('VENV_DIR');
    expect(find('set COMMANDLINE_ARGS = --xformers', 'launcher-config-syntax')?.detail).toMatch(/spaces/);
    expect(find('export COMMANDLINE_ARGS=”--api”', 'launcher-config-syntax')?.detail).toMatch(/typographic/);
  });
  it('accepts the safe forms', () => {
    expect(codes('set "VENV_DIR=D:\\my venvs\\sd"\nset COMMANDLINE_ARGS="--xformers"\nexport COMMANDLINE_ARGS="--api --listen"')).not.toContain('launcher-config-syntax');
  });
});

describe('skip-torch-cuda-test', () => {
  it('warns when the flag is set, not when it only appears in A1111\'s advice', () => {
    expect(codes('set COMMANDLINE_ARGS=--skip-torch-cuda-test --no-half')).toContain('skip-torch-cuda-test');
    expect(codes('AssertionError: Torch is not able to use GPU; add --skip-torch-cuda-test to COMMANDLINE_ARGS variable to disable this check')).not.toContain('skip-torch-cuda-test');
  });
});
