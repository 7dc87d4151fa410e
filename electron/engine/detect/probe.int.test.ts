import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { torchInfoFromProbe } from './probe-apply.js';
import { runProbe } from './probe-runner.js';
import { assertSystemTorch, makeRealVenv, SYSTEM_PYTHON } from './testing/real-venv.js';
import { cleanEnv, makeTempRoot, writeTree } from './testing/tree.js';

const ctx = { env: cleanEnv(), platform: 'linux' as const };

/** An interpreter wrapper whose `torch` is a tiny module written by the test. */
async function fakeTorchPython(root: string, name: string, initPy: string): Promise<string> {
  const dir = path.join(root, name);
  await writeTree(dir, {
    'site/torch/__init__.py': initPy,
    'bin/python': `#!/bin/sh\nPYTHONPATH='${path.join(dir, 'site')}' exec ${SYSTEM_PYTHON} -s "$@"\n`,
  });
  return path.join(dir, 'bin', 'python');
}

describe('runProbe', () => {
  let root = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ root, cleanup } = await makeTempRoot());
    assertSystemTorch();
  });
  afterAll(() => cleanup());

  it("reports Debian's real CPU torch as the module itself says (1.13.0a0, no CUDA)", async () => {
    const python = makeRealVenv(path.join(root, 'real venv'), true);
    const r = await runProbe({ python, ctx });
    expect(r.state).toBe('ok');
    if (r.state !== 'ok') return;
    expect(r.output.python?.version).toMatch(/^3\.\d+\.\d+$/);
    expect(r.output.python?.bits).toBe(64);
    const torch = torchInfoFromProbe(r.output);
    expect(torch).toMatchObject({ version: '1.13.0a0', cudaVersion: null, cudaAvailable: false, archList: [], source: 'import' });
  });

  it('verify mode on a CPU torch: import ok, CUDA not available, later steps skipped', async () => {
    const python = path.join(root, 'real venv', 'bin', 'python');
    const r = await runProbe({ python, ctx, mode: 'verify' });
    expect(r.state).toBe('ok');
    if (r.state !== 'ok') return;
    const steps = r.output.verify?.steps ?? [];
    expect(steps.map((s) => [s.name, s.ok])).toEqual([
      ['import', true], ['cuda-available', false], ['matmul', false], ['conv2d', false], ['synchronize', false], ['cudnn-version', false],
    ]);
  });

  it('a venv without torch reports torch null without crashing', async () => {
    const python = makeRealVenv(path.join(root, 'empty venv'), false);
    const r = await runProbe({ python, ctx });
    expect(r.state).toBe('import-failed');
    if (r.state !== 'import-failed') return;
    expect(r.output.torch).toBeNull();
    expect(r.output.importError?.type).toBe('ModuleNotFoundError');
  });

  it('a missing interpreter → no-python', async () => {
    const r = await runProbe({ python: path.join(root, 'nope', 'python.exe'), ctx });
    expect(r.state).toBe('no-python');
  });

  it('stdout noise from torch does not break parsing; warnings are captured', async () => {
    const python = await fakeTorchPython(root, 'noisy', [
      'import sys, warnings',
      'print("{\\"not\\": \\"the result\\"}")',
      'sys.stdout.write("partial line without newline")',
      '__version__ = "2.3.1+cu121"',
      'class version: cuda = "12.1"',
      'class _Cudnn:\n    @staticmethod\n    def version(): return 8902',
      'class backends: cudnn = _Cudnn',
      'class cuda:',
      '    @staticmethod',
      '    def is_available():',
      '        warnings.warn("CUDA initialization: The NVIDIA driver on your system is too old (found version 11040).")',
      '        return False',
      '    @staticmethod',
      '    def get_arch_list(): return []',
    ].join('\n'));
    const r = await runProbe({ python, ctx });
    expect(r.state).toBe('ok');
    if (r.state !== 'ok') return;
    expect(torchInfoFromProbe(r.output)).toMatchObject({ version: '2.3.1+cu121', cudaVersion: '12.1', cudnnVersion: '8.9.2', cudaAvailable: false });
    expect(r.output.warnings.map((w) => w.message).join('\n')).toMatch(/found version 11040/);
  });

  it('an import error (WinError 126) is a value, never a traceback', async () => {
    const msg = '[WinError 126] The specified module could not be found. Error loading "C:\\\\sd\\\\torch\\\\lib\\\\cudnn_cnn_infer64_8.dll" or one of its dependencies.';
    const python = await fakeTorchPython(root, 'broken', `raise OSError(${JSON.stringify(msg)})\n`);
    const r = await runProbe({ python, ctx });
    expect(r.state).toBe('import-failed');
    if (r.state !== 'import-failed') return;
    expect(r.output.importError?.type).toBe('OSError');
    expect(r.output.importError?.message).toMatch(/WinError 126.*cudnn_cnn_infer64_8\.dll/);
  });

  it('a hanging import is cut off by the timeout', async () => {
    const python = await fakeTorchPython(root, 'hang', 'import time\ntime.sleep(60)\n');
    const r = await runProbe({ python, ctx, timeoutMs: 1500 });
    expect(r.state).toBe('timeout');
  });
});
