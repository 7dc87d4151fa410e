import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { installFakeTorch, installFakeTorchvision, installFakeXformers, torchBuild, type FakeLib } from '../fake-torch/index.js';
import { shQuote } from './nvidia-smi/smi-data.js';

/** A real Python interpreter the simulated ones run. */
export interface ResolvedPython {
  /** The real binary (symlinks resolved). */
  executable: string;
  /** sys.base_prefix, e.g. /root/.pyenv/versions/3.11.7. */
  prefix: string;
  /** platform.python_version(), e.g. "3.11.7". */
  version: string;
  /** "3.11". */
  majorMinor: string;
}

const resolved = new Map<string, Promise<ResolvedPython>>();

/** Resolves `python` (a name on PATH or a path) to the real interpreter once per process. */
export function resolvePython(python = 'python3'): Promise<ResolvedPython> {
  let found = resolved.get(python);
  if (!found) {
    const code = 'import os,sys,platform;print(os.path.realpath(sys.executable));print(sys.base_prefix);print(platform.python_version())';
    found = promisify(execFile)(python, ['-c', code], { encoding: 'utf8' }).then(({ stdout }) => {
      const [executable = '', prefix = '', version = ''] = stdout.trim().split('\n');
      return { executable, prefix, version, majorMinor: version.split('.').slice(0, 2).join('.') };
    });
    resolved.set(python, found);
  }
  return found;
}

/**
 * Interpreter layouts: a Windows venv (`venv/Scripts/python.exe`, `Lib/site-packages`), a Linux venv
 * (`bin/python`, `lib/python3.X/site-packages`), or an embedded Python (`python.exe` + `Lib/site-packages`, no pyvenv.cfg).
 */
export type VenvLayout = 'windows-venv' | 'linux-venv' | 'windows-embedded';

/** What to install into the fake environment. */
export interface FakePackages {
  torch?: string;
  /** Defaults to the torchvision paired with the torch build; null for none. */
  torchvision?: string | null;
  xformers?: { version: string; builtForTorch?: string } | null;
}

/** A made fake environment. */
export interface FakeVenv {
  dir: string;
  layout: VenvLayout;
  /** The interpreter to run (a shebang script running the real Python). */
  python: string;
  sitePackages: string;
  pythonVersion: string;
  /** Libraries the fake torch requires (relative to sitePackages); empty without torch. */
  torchLibs: FakeLib[];
}

function layoutPaths(dir: string, layout: VenvLayout, majorMinor: string): { python: string; sitePackages: string } {
  if (layout === 'linux-venv') {
    return { python: path.join(dir, 'bin', 'python'), sitePackages: path.join(dir, 'lib', `python${majorMinor}`, 'site-packages') };
  }
  if (layout === 'windows-embedded') return { python: path.join(dir, 'python.exe'), sitePackages: path.join(dir, 'Lib', 'site-packages') };
  return { python: path.join(dir, 'Scripts', 'python.exe'), sitePackages: path.join(dir, 'Lib', 'site-packages') };
}

/**
 * The bash script standing in for a Windows/embedded interpreter: runs the real Python with `exec -a "$0"` so
 * sys.executable is the script's path. `extraEnv` is exported first (e.g. _PYTHON_HOST_PLATFORM for real pip).
 * `homeHere`: an embedded interpreter's PYTHONHOME is its own folder (which then needs lib/python3.X), not the real one.
 */
export function wrapperScript(opts: { layout: VenvLayout; real: ResolvedPython; siteRel: string; machineFile: string | null;
  extraEnv?: Readonly<Record<string, string>>; homeHere?: boolean }): string {
  const embedded = opts.layout === 'windows-embedded';
  return [
    '#!/bin/bash',
    '# TorchLift simulated interpreter: runs the real Python as if it were installed here.',
    'here="$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)"',
    `export PYTHONPATH="$here/${opts.siteRel}"`,
    'export PYTHONNOUSERSITE=1',
    ...Object.entries(opts.extraEnv ?? {}).map(([k, v]) => `export ${k}=${shQuote(v)}`),
    ...(embedded ? [opts.homeHere ? 'export PYTHONHOME="$here"' : `export PYTHONHOME=${shQuote(opts.real.prefix)}`] : ['unset PYTHONHOME']),
    ...(opts.machineFile ? [`export TORCHLIFT_SIM_MACHINE=${shQuote(opts.machineFile)}`] : []),
    `exec -a "$0" ${shQuote(opts.real.executable)} ${embedded ? '-s -S' : '-s'} "$@"`,
    '',
  ].join('\n');
}

/** Makes a fake environment at `dir` whose interpreter really runs Python, with fake torch & co installed. */
export async function makeFakeVenv(opts: {
  dir: string;
  layout: VenvLayout;
  python?: string;
  /** Machine file the fake torch reads (TORCHLIFT_SIM_MACHINE); null: a machine without NVIDIA driver. */
  machineFile?: string | null;
  packages?: FakePackages;
}): Promise<FakeVenv> {
  const real = await resolvePython(opts.python);
  const { python, sitePackages } = layoutPaths(opts.dir, opts.layout, real.majorMinor);
  const os = opts.layout === 'linux-venv' ? 'linux' : 'windows';
  await Promise.all([fs.mkdir(sitePackages, { recursive: true }), fs.mkdir(path.dirname(python), { recursive: true })]);
  const siteRel = path.relative(path.dirname(python), sitePackages).split(path.sep).join('/');
  const writes: Array<Promise<unknown>> = [
    fs.writeFile(python, wrapperScript({ layout: opts.layout, real, siteRel, machineFile: opts.machineFile ?? null }), { mode: 0o755 }),
    ...layoutExtras(opts.dir, opts.layout, real),
  ];
  const pk = opts.packages ?? {};
  let torchLibs: FakeLib[] = [];
  if (pk.torch) {
    const build = torchBuild(pk.torch);
    writes.push(installFakeTorch({ sitePackages, version: build.version, os }).then((libs) => { torchLibs = libs; }));
    const tv = pk.torchvision === undefined ? build.torchvision : pk.torchvision;
    if (tv) writes.push(installFakeTorchvision({ sitePackages, version: tv }));
  }
  if (pk.xformers) {
    const forTorch = pk.xformers.builtForTorch ?? pk.torch ?? '2.0.1+cu118';
    writes.push(installFakeXformers({ sitePackages, version: pk.xformers.version,
      builtFor: { torch: forTorch, cuda: torchBuild(forTorch).cuda, python: real.version } }));
  }
  await Promise.all(writes);
  return { dir: opts.dir, layout: opts.layout, python, sitePackages, pythonVersion: real.version, torchLibs };
}

/** The files beside an interpreter that make its layout recognisable (._pth + pythonXY.dll, or pyvenv.cfg + activate). */
export function layoutExtras(dir: string, layout: VenvLayout, real: ResolvedPython): Array<Promise<unknown>> {
  const tag = real.majorMinor.replace('.', '');
  if (layout === 'windows-embedded') {
    const pth = [`python${tag}.zip`, '.', 'Lib/site-packages', '../ComfyUI', '', '# Uncomment to run site.main() automatically', 'import site', ''];
    return [
      fs.writeFile(path.join(dir, `python${tag}._pth`), pth.join('\r\n')),
      fs.writeFile(path.join(dir, `python${tag}.dll`), `FAKE-LIB python ${real.version}\n`),
      fs.writeFile(path.join(dir, 'LICENSE.txt'), 'PSF LICENSE AGREEMENT FOR PYTHON (stand-in)\n'),
    ];
  }
  const cfg = [
    `home = ${path.dirname(real.executable)}`,
    'include-system-site-packages = false',
    `version = ${real.version}`,
    `executable = ${real.executable}`,
    `command = ${real.executable} -m venv ${dir}`,
    '',
  ].join('\n');
  const extras: Array<Promise<unknown>> = [fs.writeFile(path.join(dir, 'pyvenv.cfg'), cfg)];
  if (layout === 'windows-venv') {
    extras.push(fs.writeFile(path.join(dir, 'Scripts', 'activate.bat'), `@echo off\r\nset "VIRTUAL_ENV=${dir}"\r\n`));
  } else {
    const bin = path.join(dir, 'bin');
    extras.push(fs.symlink('python', path.join(bin, 'python3')), fs.symlink('python', path.join(bin, `python${real.majorMinor}`)),
      fs.writeFile(path.join(bin, 'activate'), `VIRTUAL_ENV=${shQuote(dir)}\nexport VIRTUAL_ENV\n`));
  }
  return extras;
}
