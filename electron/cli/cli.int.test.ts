import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectReport } from '../../shared/schemas/detect.js';
import { DoctorReport } from '../../shared/schemas/doctor.js';
import { createScenario, SCENARIO_NAMES, type Scenario, type ScenarioName } from '../../e2e/scenarios/index.js';
import { main } from './main.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs the CLI in-process, as bin/torchlift does, capturing stdout and stderr. */
async function cli(argv: string[], env: NodeJS.ProcessEnv = process.env) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (s) => void (stdout += s), err: (s) => void (stderr += s), env });
  return { code, stdout, stderr };
}

describe('torchlift detect --json on this machine', () => {
  it('matches the contract: no driver, no GPU, and the real CUDA 13.0 toolkit when present', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TORCHLIFT_SEARCH_ROOTS: '' };
    delete env.TORCHLIFT_NVIDIA_SMI;
    const r = await cli(['detect', '--json'], env);
    expect(r.code).toBe(0);
    const report = DetectReport.parse(JSON.parse(r.stdout));
    expect(report.schemaVersion).toBe(1);
    expect(report.gpus).toEqual([]);
    expect(report.driver.status).toBe('not-installed');
    expect(report.driver.version).toBeNull();
    if (fs.existsSync('/usr/local/cuda-13.0/bin/nvcc')) {
      expect(report.toolkits.map((t) => [t.version, t.path])).toContainEqual(['13.0', '/usr/local/cuda-13.0']);
    }
  });
});

describe('torchlift detect on simulated machines', () => {
  const scenarios = new Map<ScenarioName, Scenario>();
  beforeAll(async () => {
    for (const name of SCENARIO_NAMES) scenarios.set(name, await createScenario(name));
  });
  afterAll(async () => {
    for (const s of scenarios.values()) await s.cleanup();
  });

  it.each(SCENARIO_NAMES)('%s: reports the GPU, driver, install and torch, with the expected findings', async (name) => {
    const s = scenarios.get(name)!;
    const args = ['detect', '--json', ...s.apps.flatMap((a) => ['--app', a])];
    const r = await cli(args, s.env);
    expect(r.code, r.stderr).toBe(0);
    const report = DetectReport.parse(JSON.parse(r.stdout));
    const e = s.expected;
    expect(report.platform).toBe(e.platform);
    expect(report.gpus[0]?.name ?? null).toBe(e.gpuName);
    expect(report.gpus[0]?.computeCapability ?? null).toBe(e.computeCapability);
    expect(report.driver.status).toBe(e.driverStatus);
    expect(report.driver.version).toBe(e.driverVersion);
    expect(report.driver.maxCudaVersion).toBe(e.maxCuda);
    const install = report.installs.find((i) => i.path === e.installPath);
    expect(install?.kind).toBe(e.installKind);
    expect(install?.torch?.version ?? null).toBe(e.torchVersion);
    expect(install?.torch?.cudaAvailable ?? false).toBe(e.cudaAvailable);
    expect(install?.xformers?.version ?? null).toBe(e.xformersVersion);
    const codes = report.findings.map((f) => f.code);
    for (const code of e.mustFind) expect(codes, `${name} must find ${code}`).toContain(code);
    for (const code of e.mustNotFind) expect(codes, `${name} must not find ${code}`).not.toContain(code);
  });

  it('writes finding texts in the language asked for', async () => {
    const s = scenarios.get('gtx1660-comfy-portable')!;
    const ja = JSON.parse((await cli(['detect', '--json', '--lang', 'ja', '--app', s.apps[0]!], s.env)).stdout) as DetectReport;
    const driver = ja.findings.find((f) => f.code === 'driver-too-old');
    expect(driver?.title).toMatch(/[ぁ-んァ-ン一-龯]/);
    const zh = JSON.parse((await cli(['detect', '--json', '--app', s.apps[0]!], { ...s.env, LANG: 'zh_CN.UTF-8' })).stdout) as DetectReport;
    expect(zh.findings.find((f) => f.code === 'driver-too-old')?.title).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('bad input is refused with exit 2 and a message naming the thing', () => {
  it('an --app folder that does not exist', async () => {
    const r = await cli(['detect', '--app', '/no/such/フォルダ [x] & y']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/no/such/フォルダ [x] & y');
    expect(r.stderr).toMatch(/does not exist/);
  });

  it('unknown commands, unknown options and unknown languages', async () => {
    expect((await cli(['detekt'])).code).toBe(2);
    expect((await cli(['detect', '--frobnicate'])).code).toBe(2);
    const lang = await cli(['detect', '--lang', 'fr']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toMatch(/--lang must be one of en, ja, zh-CN/);
  });

  it('doctor without input, with a missing file, or with a folder', async () => {
    expect((await cli(['doctor'])).code).toBe(2);
    const missing = await cli(['doctor', '/no/such/log.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('/no/such/log.txt');
    expect((await cli(['doctor', repo])).code).toBe(2);
  });

  it('serve refuses to listen beyond this machine', async () => {
    const r = await cli(['serve', '--host', '0.0.0.0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/127\.0\.0\.1/);
  });
});

describe('bin/torchlift (the built executable)', () => {
  const bin = path.join(repo, 'bin', 'torchlift');
  const built = fs.existsSync(path.join(repo, 'dist', 'electron', 'cli', 'run.js'));

  it('is built (npm test builds before testing)', () => {
    expect(built, 'dist/ is missing: run "npm run build" before the integration tests').toBe(true);
  });

  it('prints help, and doctor --json from standard input keeps stdout pure JSON', async () => {
    const help = await execa(bin, ['--help'], { reject: false });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/detect/);
    const text = 'AssertionError: Torch not compiled with CUDA enabled\n';
    const r = await execa(bin, ['doctor', '-', '--json'], { input: text, reject: false, cwd: path.join(repo, '..') });
    expect(r.exitCode).toBe(0);
    const report = DoctorReport.parse(JSON.parse(r.stdout));
    expect(report.findings.map((f) => f.code)).toContain('cpu-only-torch');
  });
});
