import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run, type RunResult } from '../../electron/engine/process/run.js';
import { createScenario, SCENARIO_NAMES, type Scenario } from './index.js';

/** Prints what the probe needs as one JSON line; warnings caught around is_available(). */
const FACTS = `
import json, sys, warnings, importlib.metadata as md
import torch
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    available = torch.cuda.is_available()
out = dict(executable=sys.executable, version=torch.__version__, cuda=torch.version.cuda,
           cudnn=torch.backends.cudnn.version(), available=available, count=torch.cuda.device_count(),
           arch=torch.cuda.get_arch_list(), warnings=[str(w.message) for w in caught],
           torchvision=None, xformers=None)
if available:
    out['name'] = torch.cuda.get_device_name(0)
    out['cap'] = list(torch.cuda.get_device_capability(0))
for dist in ('torchvision', 'xformers'):
    try:
        out[dist] = md.version(dist)
    except md.PackageNotFoundError:
        pass
print(json.dumps(out))
`;

async function py(s: Scenario, code: string): Promise<RunResult> {
  return run(s.python, ['-c', code], { name: 'python', env: s.env, timeoutMs: 30_000 });
}

async function smi(s: Scenario, args: string[]): Promise<RunResult> {
  return run(s.nvidiaSmi, args, { name: 'nvidia-smi', env: s.env, successExitCodes: [0, 2] });
}

const lines = (text: string): string[] => text.split(/\r?\n/).filter((l) => l.trim() !== '');

describe.each(SCENARIO_NAMES)('scenario %s', (name) => {
  let s: Scenario;
  beforeAll(async () => { s = await createScenario(name); });
  afterAll(async () => { await s?.cleanup(); });

  test('nvidia-smi table, query, -q and -L agree with expected (or nvidia-smi is absent)', async () => {
    const e = s.expected;
    if (e.driverStatus === 'not-installed') {
      await expect(fs.access(s.nvidiaSmi)).rejects.toThrow();
      for (const dir of s.env.PATH!.split(path.delimiter)) {
        await expect(fs.access(path.join(dir, 'nvidia-smi'))).rejects.toThrow();
      }
      return;
    }
    const table = await smi(s, []);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toContain(`Driver Version: ${e.driverVersion}`);
    expect(table.stdout).toContain(`CUDA Version: ${e.maxCuda}`);
    expect(table.stdout).toContain(`${e.memoryTotalMiB}MiB`);
    expect(table.stdout.includes('\r\n')).toBe(e.platform === 'windows');

    const q = await smi(s, ['--query-gpu=index,name,driver_version,memory.total,compute_cap', '--format=csv,noheader,nounits']);
    if (e.computeCapInQuery) {
      expect(q.exitCode).toBe(0);
      expect(lines(q.stdout)[0]!.split(', ')).toEqual(['0', e.gpuName, e.driverVersion, String(e.memoryTotalMiB), e.computeCapability]);
    } else {
      expect(q.exitCode).toBe(2);
      expect(q.stdout).toContain('Field "compute_cap" is not a valid field to query.');
      const retry = await smi(s, ['--query-gpu=index,name,driver_version,memory.total', '--format=csv,noheader,nounits']);
      expect(lines(retry.stdout)).toEqual([`0, ${e.gpuName}, ${e.driverVersion}, ${e.memoryTotalMiB}`]);
    }
    const withHeader = await smi(s, ['--query-gpu=name,memory.total', '--format=csv']);
    expect(lines(withHeader.stdout)).toEqual(['name, memory.total [MiB]', `${e.gpuName}, ${e.memoryTotalMiB} MiB`]);

    const full = await smi(s, ['-q']);
    expect(full.stdout).toMatch(new RegExp(`Driver Version\\s+: ${e.driverVersion}`));
    expect(full.stdout).toMatch(new RegExp(`CUDA Version\\s+: ${e.maxCuda}`));
    expect(full.stdout).toMatch(new RegExp(`Product Name\\s+: ${e.gpuName}`));
    expect((await smi(s, ['-L'])).stdout).toMatch(new RegExp(`^GPU 0: ${e.gpuName} \\(UUID: GPU-`));
  });

  test('the install interpreter runs real Python and the fake torch reports the expected facts', async () => {
    const e = s.expected;
    expect(s.apps).toEqual([e.installPath]);
    const r = await py(s, FACTS);
    expect(r.stderr).not.toContain('Traceback');
    expect(r.exitCode).toBe(0);
    const facts = JSON.parse(lines(r.stdout).at(-1)!);
    expect(facts.executable).toBe(e.pythonPath);
    expect(facts.version).toBe(e.torchVersion);
    expect(facts.cuda).toBe(e.torchCuda);
    expect(facts.cudnn).toBe(e.cudnnVersionInt);
    expect(facts.available).toBe(e.cudaAvailable);
    expect(facts.count).toBe(e.cudaAvailable ? e.gpuCount : 0);
    expect(facts.arch).toEqual(e.archList);
    expect(facts.torchvision).toBe(e.torchvisionVersion);
    expect(facts.xformers).toBe(e.xformersVersion);
    if (e.torchWarning) expect(facts.warnings.join('\n')).toContain(e.torchWarning);
    else expect(facts.warnings).toEqual([]);
    if (e.cudaAvailable) {
      expect(facts.name).toBe(e.gpuName);
      expect(facts.cap.join('.')).toBe(e.computeCapability);
    }
  });

  test('the layout on disk: pyvenv.cfg / _pth, toolkits and their nvcc, xformers build info', async () => {
    const e = s.expected;
    const venvCfg = path.join(path.dirname(path.dirname(s.python)), 'pyvenv.cfg');
    if (name === 'gtx1660-comfy-portable') {
      const tag = e.pythonVersion.split('.').slice(0, 2).join('');
      await expect(fs.readFile(path.join(path.dirname(s.python), `python${tag}._pth`), 'utf8')).resolves.toContain('import site');
    } else {
      await expect(fs.readFile(venvCfg, 'utf8')).resolves.toContain(`version = ${e.pythonVersion}`);
    }
    for (const tk of e.toolkits) {
      const nvcc = path.join(tk.path, 'bin', e.platform === 'windows' ? 'nvcc.exe' : 'nvcc');
      const v = await run(nvcc, ['--version'], { name: 'nvcc', env: s.env });
      expect(v.stdout).toContain(`Cuda compilation tools, release ${tk.version}, V${tk.version}.`);
      const json = JSON.parse(await fs.readFile(path.join(tk.path, 'version.json'), 'utf8'));
      expect(json.cuda.version.startsWith(`${tk.version}.`)).toBe(true);
      if (tk.cudnn) {
        const header = await fs.readFile(path.join(tk.path, 'include', 'cudnn_version.h'), 'utf8');
        expect(header).toContain(`#define CUDNN_MINOR ${tk.cudnn.split('.')[1]}`);
      }
      if (e.platform === 'windows') expect(s.env[`CUDA_PATH_V${tk.version.replace('.', '_')}`]).toBe(tk.path);
    }
    expect(s.env.PATH).not.toMatch(/\/usr\/local\/cuda-13/);
    if (e.xformersBuiltForTorch) {
      const info = JSON.parse(await fs.readFile(path.join(s.sitePackages, 'xformers', 'cpp_lib.json'), 'utf8'));
      expect(info.version).toMatchObject({ torch: e.xformersBuiltForTorch, python: e.pythonVersion, cuda: 1108 });
      const imp = await py(s, 'import xformers, xformers.ops; print(xformers.__version__)');
      expect(imp.stdout.trim()).toBe(e.xformersVersion);
      expect(imp.stderr).not.toContain('WARNING[XFORMERS]');
    }
  });
});
