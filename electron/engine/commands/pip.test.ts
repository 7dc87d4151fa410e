import { describe, expect, it } from 'vitest';
import { buildPipInstall, pipEnv, quoteArg, torchIndexUrl } from './pip.js';

describe('buildPipInstall', () => {
  it('pins, names the index, runs the install\'s own python, and shows the same argv quoted for cmd.exe', () => {
    const cmd = buildPipInstall({
      python: 'C:\\SD & more\\venv\\Scripts\\python.exe', platform: 'windows',
      packages: [{ name: 'torch', version: '2.1.2+cu121' }, { name: 'torchvision', version: '0.16.2+cu121' }],
      source: { kind: 'index', url: 'https://download.pytorch.org/whl/cu121' },
    });
    expect(cmd.file).toBe('C:\\SD & more\\venv\\Scripts\\python.exe');
    expect(cmd.args).toEqual(['-m', 'pip', 'install', 'torch==2.1.2+cu121', 'torchvision==0.16.2+cu121', '--index-url', 'https://download.pytorch.org/whl/cu121']);
    expect(cmd.display).toBe('"C:\\SD & more\\venv\\Scripts\\python.exe" -m pip install torch==2.1.2+cu121 torchvision==0.16.2+cu121 --index-url https://download.pytorch.org/whl/cu121');
  });

  it('local files only: --no-index with every folder as --find-links; POSIX quoting of a path with a quote and CJK', () => {
    const cmd = buildPipInstall({ python: "/home/u/SD 'test'/venv/bin/python", platform: 'linux', packages: [{ name: 'xformers', version: '0.0.23.post1' }], source: { kind: 'local', dirs: ['/cache/ホイール'] } });
    expect(cmd.args).toEqual(['-m', 'pip', 'install', 'xformers==0.0.23.post1', '--no-index', '--find-links', '/cache/ホイール']);
    expect(cmd.display).toBe(`'/home/u/SD '\\''test'\\''/venv/bin/python' -m pip install xformers==0.0.23.post1 --no-index --find-links '/cache/ホイール'`);
  });

  it('a find-links mirror keeps PyPI (or its mirror) for the other packages', () => {
    const cmd = buildPipInstall({ python: 'py', platform: 'linux', packages: [{ name: 'torch', version: '2.5.1+cu121' }], source: { kind: 'find-links', url: 'https://mirrors.aliyun.com/pytorch-wheels/cu121/', extraIndexUrls: ['https://mirrors.aliyun.com/pypi/simple'] } });
    expect(cmd.args.slice(4)).toEqual(['--find-links', 'https://mirrors.aliyun.com/pytorch-wheels/cu121/', '--extra-index-url', 'https://mirrors.aliyun.com/pypi/simple']);
  });
});

describe('helpers', () => {
  it('TORCHLIFT_TORCH_INDEX replaces the official root; trailing slashes dropped', () => {
    expect(torchIndexUrl('cu118', {})).toBe('https://download.pytorch.org/whl/cu118');
    expect(torchIndexUrl('cu118', { TORCHLIFT_TORCH_INDEX: 'http://127.0.0.1:9/whl/' })).toBe('http://127.0.0.1:9/whl/cu118');
  });
  it('quotes only where a shell would split or expand', () => {
    expect(quoteArg('torch==2.1.2+cu121', 'windows')).toBe('torch==2.1.2+cu121');
    expect(quoteArg('a b', 'windows')).toBe('"a b"');
    expect(quoteArg('$(rm)', 'linux')).toBe("'$(rm)'");
  });
  it('pip runs with no config file and no inherited index redirection', () => {
    const env = pipEnv({ PIP_INDEX_URL: 'http://evil', PIP_FIND_LINKS: 'x', PATH: '/bin' }, '/dev/null');
    expect(env.PIP_CONFIG_FILE).toBe('/dev/null');
    expect(env.PIP_INDEX_URL).toBeUndefined();
    expect(env.PIP_FIND_LINKS).toBeUndefined();
    expect(env.PATH).toBe('/bin');
  });
});
