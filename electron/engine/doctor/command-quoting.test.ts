import { describe, expect, it } from 'vitest';
import type { DetectReport, Install } from '../../../shared/schemas/detect.js';
import { cmdMayAlter, quoteArg as quotePython } from '../commands/pip.js';
import { torchInstallCommand } from '../commands/torch-install.js';
import { diagnoseReport } from './diagnose-report.js';

describe('quoting the interpreter (quoteArg)', () => {
  it('leaves plain paths and bare names alone', () => {
    expect(quotePython('python', 'linux')).toBe('python');
    expect(quotePython('/opt/sd/venv/bin/python', 'linux')).toBe('/opt/sd/venv/bin/python');
    expect(quotePython('C:\\sd\\venv\\Scripts\\python.exe', 'windows')).toBe('C:\\sd\\venv\\Scripts\\python.exe');
    expect(quotePython('python_embeded\\python.exe', 'windows')).toBe('python_embeded\\python.exe');
  });

  it('single-quotes for POSIX shells whenever the path holds shell syntax, escaping a quote as \'\\\'\'', () => {
    expect(quotePython('/tmp/A&B(1)/sd/venv/bin/python', 'linux')).toBe("'/tmp/A&B(1)/sd/venv/bin/python'");
    expect(quotePython('/home/u/my sd/venv/bin/python', 'macos')).toBe("'/home/u/my sd/venv/bin/python'");
    expect(quotePython("/home/u/bob's $HOME `x`/venv/bin/python", 'linux')).toBe("'/home/u/bob'\\''s $HOME `x`/venv/bin/python'");
    expect(quotePython('/home/ユーザー/venv/bin/python', 'linux')).toBe("'/home/ユーザー/venv/bin/python'");
  });

  it('double-quotes for cmd.exe whenever the path holds & ( ) ^ spaces or CJK', () => {
    expect(quotePython('C:\\A&B(1)\\sd\\venv\\Scripts\\python.exe', 'windows')).toBe('"C:\\A&B(1)\\sd\\venv\\Scripts\\python.exe"');
    expect(quotePython('D:\\AI^x\\python.exe', 'windows')).toBe('"D:\\AI^x\\python.exe"');
    expect(cmdMayAlter('C:\\A&B(1)\\python.exe', 'windows')).toBe(false);
    expect(cmdMayAlter('C:\\100%\\python.exe', 'windows')).toBe(true);
    expect(cmdMayAlter('/tmp/100%/python', 'linux')).toBe(false);
  });

  it('torchInstallCommand quotes the interpreter for the given platform, pins with the tag and names the index', () => {
    const cmd = torchInstallCommand({ torch: '2.1.2', torchvision: '0.16.2', cudaTag: 'cu121' }, { python: '/tmp/A&B(1)/sd/venv/bin/python', platform: 'linux', env: {} });
    expect(cmd.display).toBe("'/tmp/A&B(1)/sd/venv/bin/python' -m pip install torch==2.1.2+cu121 torchvision==0.16.2+cu121 --index-url https://download.pytorch.org/whl/cu121");
    expect(cmd.file).toBe('/tmp/A&B(1)/sd/venv/bin/python');
  });
});

describe('the cmd.exe note', () => {
  const at = (dir: string): Install => ({
    kind: 'a1111', path: dir, python: { path: `${dir}\\venv\\Scripts\\python.exe`, version: '3.10.11' },
    torch: { version: '2.1.2+cpu', cudaVersion: null, cudnnVersion: null, cudaAvailable: false, archList: [] },
    torchvision: null, xformers: null, libraries: [],
  });
  const report = (install: Install): DetectReport => ({
    schemaVersion: 1, platform: 'windows',
    gpus: [{ index: 0, name: 'NVIDIA GeForce RTX 4070', memoryTotalMiB: 12282, computeCapability: '8.9' }],
    driver: { status: 'ok', version: '551.61', maxCudaVersion: '12.4', message: '' },
    toolkits: [], installs: [install], findings: [],
  });

  it('is added to a fix whose Python path holds % (and not otherwise)', () => {
    const odd = diagnoseReport(report(at('C:\\AI\\100% SD')), 'en', {}).find((f) => f.code === 'cpu-only-torch');
    expect(odd?.fix).toContain('"C:\\AI\\100% SD\\venv\\Scripts\\python.exe" -m pip');
    expect(odd?.fix).toContain("PowerShell as & 'C:\\AI\\100% SD\\venv\\Scripts\\python.exe'");
    const plain = diagnoseReport(report(at('C:\\AI\\SD & co')), 'ja', {}).find((f) => f.code === 'cpu-only-torch');
    expect(plain?.fix).toContain('"C:\\AI\\SD & co\\venv\\Scripts\\python.exe" -m pip');
    expect(plain?.fix).not.toContain('PowerShell');
  });
});
