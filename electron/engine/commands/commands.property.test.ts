import { satisfies } from '@renovatebot/pep440';
import { describe, expect, it } from 'vitest';
import type { DetectReport, Install, InstallKind, Platform } from '../../../shared/schemas/detect.js';
import type { Finding } from '../../../shared/schemas/finding.js';
import { diagnoseReport } from '../doctor/diagnose-report.js';
import { doctorText } from '../doctor/doctor-text.js';
import { archListFor, buildRunsOnCc } from '../knowledge/arch.js';
import { driverLoadsCuda } from '../knowledge/driver.js';
import { torchvisionFor } from '../knowledge/torch.js';
import { cudaTagToVersion } from '../knowledge/versions.js';
import { xformersRelease } from '../knowledge/xformers.js';
import { recommendForInstall } from '../recommend/for-install.js';
import { launcherTorchCommand, offlineInstallCommand, resolutionCommand, upgradePins } from '../goals/torch-upgrade/commands.js';
import { sourceFor } from '../goals/torch-upgrade/plan.js';
import { chooseTarget, chooseXformers } from '../goals/torch-upgrade/target.js';
import { quoteArg } from './pip.js';

/*
 * No harmful command, by construction: every command the recommendation card and the doctor's fixes (on a scan, and
 * on pasted text with and without the scan) can show, over GPU × driver × Python × app × platform × finding, runs the
 * install's own interpreter, pins every torch-family package with ==, pairs torch/torchvision and xformers, names its
 * index, and installs a build the machine's driver runs (natively or through minor-version compatibility) with code
 * for its GPU.
 */

const GPUS = [
  { name: 'NVIDIA GeForce GTX 1070', cc: '6.1' }, { name: 'NVIDIA GeForce GTX 1660', cc: '7.5' },
  { name: 'NVIDIA GeForce RTX 4070', cc: '8.9' }, { name: 'NVIDIA GeForce RTX 5090', cc: '12.0' },
];
const DRIVERS: Record<'windows' | 'linux', string[]> = { windows: ['472.12', '531.79', '546.33', '572.83', '581.57'], linux: ['470.256.02', '525.60.13', '550.54.14', '580.95.05'] };
const APPS: InstallKind[] = ['a1111', 'comfyui-portable', 'forge', 'kohya_ss', 'aki', 'sd-scripts', 'onetrainer'];
const PYTHONS = ['3.10.11', '3.12.8'];
// Pasted texts that make the doctor offer a torch build (cpu torch, arch, driver, xformers, torchvision, DLL).
const TEXTS = [
  'AssertionError: Torch not compiled with CUDA enabled',
  'RuntimeError: CUDA error: no kernel image is available for execution on the device',
  'RuntimeError: The NVIDIA driver on your system is too old (found version 11040).',
  'WARNING[XFORMERS]: xFormers can\'t load C++/CUDA extensions. xFormers was built for:\n    PyTorch 2.1.2+cu121 with CUDA 1201 (you have 2.3.1+cu121)',
  'RuntimeError: operator torchvision::nms does not exist\ntorch 2.3.1+cu121',
  'OSError: [WinError 126] The specified module could not be found. Error loading "C:\\sd\\venv\\lib\\site-packages\\torch\\lib\\fbgemm.dll" or one of its dependencies.\ntorch 2.4.1+cu124',
];
const TORCH_FAMILY = new Set(['torch', 'torchvision', 'torchaudio', 'xformers']);

function machine(platform: Platform, gpu: (typeof GPUS)[number], driver: string, app: InstallKind, python: string): { report: DetectReport; install: Install } {
  const dir = platform === 'windows' ? 'D:\\AI & 画像\\sd [test]' : '/home/u/AI & 画像/sd';
  const py = platform === 'windows' ? `${dir}\\venv\\Scripts\\python.exe` : `${dir}/venv/bin/python`;
  const install: Install = {
    kind: app, path: dir, python: { path: py, version: python },
    torch: { version: '2.1.2+cpu', cudaVersion: null, cudnnVersion: null, cudaAvailable: false, archList: [] },
    torchvision: { version: '0.16.2+cpu' }, xformers: null, libraries: [],
  };
  const report: DetectReport = {
    schemaVersion: 1, platform, gpus: [{ index: 0, name: gpu.name, memoryTotalMiB: 8192, computeCapability: gpu.cc }],
    driver: { status: 'ok', version: driver, maxCudaVersion: null, message: '' }, toolkits: [], installs: [install], findings: [],
  };
  return { report, install };
}

/**
 * Checks one argv against the machine. `offlineTag`: the CUDA tag of an install from verified local wheels (the
 * upgrade's last step), whose index was named by the resolution command that fetched them.
 */
function check(where: string, cmd: { file: string; args: string[]; display: string }, m: { platform: Platform; cc: string; driver: string; python: string }, offlineTag: string | null = null): void {
  expect(cmd.file, `${where}: the install's interpreter`).toBe(m.python);
  expect(cmd.display.startsWith(`${quoteArg(m.python, m.platform)} -m pip install `), `${where}: display = argv`).toBe(true);
  expect(cmd.args.slice(0, 3), where).toEqual(['-m', 'pip', 'install']);
  const pins = new Map<string, string>();
  for (const [i, a] of cmd.args.entries()) {
    // options, URLs, and the value of the resolution's --report (a file) are not packages
    if (i < 3 || a.startsWith('-') || /^https?:\/\//.test(a) || ['--report', '--find-links', '--progress-bar'].includes(cmd.args[i - 1] ?? '')) continue;
    const [name, version] = a.split('==');
    expect(version, `${where}: ${a} pinned with ==`).toBeDefined();
    if (name && TORCH_FAMILY.has(name)) pins.set(name, version ?? '');
  }
  expect(cmd.args.some((a) => a === '--index-url' || a === '--find-links' || a === '--no-index'), `${where}: explicit source`).toBe(true);
  const torch = pins.get('torch');
  const index = cmd.args[cmd.args.indexOf('--index-url') + 1] ?? '';
  const tag = /\/(cu\d{3})$/.exec(index)?.[1] ?? offlineTag;
  if (torch !== undefined) {
    const [release, local] = torch.split('+');
    expect(local, `${where}: torch carries its CUDA tag`).toBe(tag);
    const tv = pins.get('torchvision');
    if (tv !== undefined) expect(tv, `${where}: torchvision pairs with torch`).toBe(`${torchvisionFor(release ?? '')}+${tag}`);
    const cuda = cudaTagToVersion(tag ?? '') ?? '';
    expect(driverLoadsCuda(m.driver, cuda, m.platform), `${where}: the driver runs ${torch}`).not.toBe('no');
    const arch = archListFor(release ?? '', tag ?? '', m.platform);
    expect(arch !== null && buildRunsOnCc(arch.archs, m.cc), `${where}: ${torch} has code for cc ${m.cc}`).toBe(true);
    const x = pins.get('xformers');
    if (x !== undefined) expect(satisfies(release ?? '', xformersRelease(x)?.torch ?? '==0'), `${where}: xformers ${x} pairs with torch ${release}`).toBe(true);
  }
}

function commandsOf(findings: Finding[]): { code: string; cmd: { file: string; args: string[]; display: string } }[] {
  return findings.flatMap((f) => (f.commands ?? []).map((cmd) => ({ code: f.code, cmd })));
}

describe('every command TorchLift shows is safe for the machine it is shown on', () => {
  it('recommendation cards, scan findings and paste-box findings over GPU × driver × Python × app × platform × finding', () => {
    let checked = 0;
    for (const platform of ['windows', 'linux'] as const) {
      for (const driver of DRIVERS[platform]) {
        for (const gpu of GPUS) {
          for (const app of APPS) {
            for (const python of PYTHONS) {
              const { report, install } = machine(platform, gpu, driver, app, python);
              const rec = recommendForInstall(report, install, {});
              const scanned = { ...report, installs: [{ ...install, recommendation: rec }] };
              const m = { platform, cc: gpu.cc, driver, python: install.python?.path ?? '' };
              const where = `${platform} ${driver} ${gpu.name} ${app} py${python}`;
              for (const t of [rec.best, ...rec.alternatives, rec.driverUpgrade?.target].filter((x) => x !== null && x !== undefined)) {
                expect(t.command, `${where}: card ${t.torch} has a command`).toBeDefined();
                // the upgrade target is "after a driver update": only its shape is checked against this driver
                if (t === rec.driverUpgrade?.target) continue;
                check(`${where} card ${t.torch}`, t.command ?? { file: '', args: [], display: '' }, m);
                checked++;
              }
              for (const { code, cmd } of commandsOf(diagnoseReport(scanned, 'en', {}))) {
                check(`${where} scan ${code}`, cmd, m);
                checked++;
              }
              // The upgrade wizard (torch-upgrade plan and apply): the resolution it asks the install's pip for, the
              // offline install of the verified wheels, and the TORCH_COMMAND it writes into the launcher.
              const chosen = chooseTarget({ report, install, env: {}, torch: null, lang: 'en' });
              if (chosen.target !== null) {
                const target = chosen.target;
                const xf = chooseXformers({ asked: null, current: install.xformers?.version ?? null, target, lang: 'en', launcherWantsXformers: app === 'a1111' || app === 'forge' || app === 'aki' });
                const pins = upgradePins(target, xf.version, null);
                const source = sourceFor({ input: { app: install.path }, env: {}, variant: target.cudaTag, lang: 'en' });
                if ('refusal' in source) throw new Error(source.refusal.message);
                check(`${where} wizard resolve ${target.torch}`, resolutionCommand({ python: m.python, platform, pins, source: source.pip, report: 'r.json' }), m);
                check(`${where} wizard install ${target.torch}`, offlineInstallCommand({ python: m.python, platform, packages: pins, wheelDir: 'w' }), m, target.cudaTag);
                const launcher = launcherTorchCommand({ platform, pins, source: source.pip });
                expect(launcher, `${where} wizard launcher`).toContain(`torch==${target.torch}`);
                expect(launcher, `${where} wizard launcher`).toContain(`https://download.pytorch.org/whl/${target.cudaTag}`);
                // the wizard's build is the card's best one: the same rules, the same target
                expect(target.torch, `${where} wizard = card`).toBe(rec.best?.torch);
                checked += 2;
              } else {
                expect(rec.best, `${where}: the wizard refuses only when the card has no build`).toBeNull();
              }
              for (const text of TEXTS) {
                for (const { code, cmd } of commandsOf(doctorText(text, 'en', {}, { machine: scanned }).findings)) {
                  check(`${where} paste ${code} «${text.slice(0, 30)}»`, cmd, m);
                  checked++;
                }
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  }, 600_000);

  it('"Torch not compiled with CUDA enabled" pasted on the scanned RTX 4070 / driver 546.33 offers a build that driver runs, xformers kept paired', () => {
    const { report, install } = machine('windows', GPUS[2] ?? { name: '', cc: '8.9' }, '546.33', 'a1111', '3.10.11');
    const scanned = { ...report, installs: [{ ...install, recommendation: recommendForInstall(report, install, {}) }] };
    const f = doctorText('AssertionError: Torch not compiled with CUDA enabled', 'en', {}, { machine: scanned }).findings.find((x) => x.code === 'cpu-only-torch');
    const cmd = f?.commands?.[0];
    expect(cmd?.file).toBe(install.python?.path);
    expect(cmd?.args.join(' ')).not.toMatch(/cu13\d/);
    expect(cmd?.args.some((a) => a.startsWith('xformers=='))).toBe(true);
    expect(f?.evidence.some((e) => e.startsWith('scan: '))).toBe(true);
  });
});
