'use strict';
// Simulated NVIDIA CUDA installers for TorchLift's tests (one script, two faces):
//  - Windows setup.exe: `-s <subpkg>...` (only those), `-n` (no reboot), `-log:<dir>`, `-loglevel:N`; writes the toolkit under
//    <TORCHLIFT_SYSTEM_ROOT>/Program Files/NVIDIA GPU Computing Toolkit/CUDA/vX.Y and a registry stand-in
//    <root>/.sim/registry/cuda-vX.Y.json; exits 0, or FAKE_SETUP_EXIT (1, 2147943460 = 0x80070424, ...).
//  - Linux runfile: `--silent --toolkit [--toolkitpath=<p>]` (never needs --driver); default /usr/local/cuda-X.Y.
// Both record their arguments in <root>/.sim/installer-runs.jsonl. Knobs (environment): FAKE_SETUP_FAIL_HALFWAY=1 writes
// half the files then exits 1; FAKE_SETUP_SKIP_NVCC=1 leaves nvcc out but exits 0; FAKE_SETUP_UPDATE_DRIVER=<ver>
// "updates" the simulated driver (as an installer with Display.Driver would). Display.Driver / --driver also do that.
// The toolkit files travel inside the installer file itself, after a #PAYLOAD: line.
// Uninstall (issue 8): both faces also write the toolkit's own uninstaller — Windows: an `Uninstall` entry in the
// registry stand-in (<root>/.sim/registry/uninstall/{B2FE1952-0186-46C3-BAEC-A80AA35AC5B8}_CUDAToolkit_X.Y.json,
// UninstallString = a script); Linux: <toolkit>/bin/cuda-uninstaller. The uninstaller (this script with
// `--uninstall <dir>`) removes the toolkit folder and the registry entries, never the driver; FAKE_UNINSTALL_FAIL=1
// makes it remove half the files and exit 1; FAKE_SETUP_UPDATE_DRIVER also applies.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script that node runs directly */
const fs = require('node:fs');
const path = require('node:path');

const [self, ...args] = process.argv.slice(2);
const root = process.env.TORCHLIFT_SYSTEM_ROOT || '/';
const sim = path.join(root, '.sim');
if (self === '--uninstall') uninstall(args[0], args.slice(1));
const text = fs.readFileSync(self, 'utf8');
const payload = JSON.parse(text.slice(text.indexOf('#PAYLOAD:') + '#PAYLOAD:'.length));
fs.mkdirSync(sim, { recursive: true });
fs.appendFileSync(path.join(sim, 'installer-runs.jsonl'), JSON.stringify({ kind: payload.kind, args }) + '\n');

function updateDriver(to) {
  const machineFile = path.join(sim, 'machine.json');
  if (!fs.existsSync(machineFile)) return;
  const machine = JSON.parse(fs.readFileSync(machineFile, 'utf8'));
  const from = machine.driver && machine.driver.version;
  if (!from) return;
  for (const name of ['machine.json', 'nvidia-smi.json']) {
    const file = path.join(sim, name);
    if (fs.existsSync(file)) fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split(from).join(to));
  }
}

/** The uninstaller script this installer leaves behind: runs this file with --uninstall <dir>. */
function uninstallerScript(dir) {
  const q = (x) => `'${String(x).replace(/'/g, `'\\''`)}'`;
  return `#!/bin/sh\nexec ${q(process.execPath)} ${q(__filename)} --uninstall ${q(dir)} "$@"\n`;
}

function uninstall(dir, uargs) {
  fs.mkdirSync(sim, { recursive: true });
  fs.appendFileSync(path.join(sim, 'installer-runs.jsonl'), JSON.stringify({ kind: 'uninstall', args: [dir, ...uargs] }) + '\n');
  if (process.env.FAKE_SETUP_UPDATE_DRIVER) updateDriver(process.env.FAKE_SETUP_UPDATE_DRIVER);
  if (process.env.FAKE_UNINSTALL_FAIL === '1') {
    const bin = path.join(dir, 'bin');
    const names = fs.existsSync(bin) ? fs.readdirSync(bin) : [];
    for (const n of names.slice(0, Math.ceil(names.length / 2))) fs.rmSync(path.join(bin, n), { force: true });
    process.stderr.write('Uninstall failed: a file is in use\n');
    process.exit(1);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const version = /(\d+\.\d+)$/.exec(dir);
  if (version) {
    fs.rmSync(path.join(sim, 'registry', `cuda-v${version[1]}.json`), { force: true });
    fs.rmSync(path.join(sim, 'registry', 'uninstall', `{B2FE1952-0186-46C3-BAEC-A80AA35AC5B8}_CUDAToolkit_${version[1]}.json`), { force: true });
  }
  process.exit(0);
}

function writeFiles(dir, files, half) {
  const list = half ? files.slice(0, Math.ceil(files.length / 2)) : files;
  for (const f of list) {
    const p = path.join(dir, ...f.rel.split('/'));
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.content, { mode: f.mode || 0o644 });
  }
}

const failHalf = process.env.FAKE_SETUP_FAIL_HALFWAY === '1';
const skipNvcc = process.env.FAKE_SETUP_SKIP_NVCC === '1';
if (process.env.FAKE_SETUP_UPDATE_DRIVER) updateDriver(process.env.FAKE_SETUP_UPDATE_DRIVER);

if (payload.kind === 'windows') {
  const log = args.find((a) => a.startsWith('-log:'));
  const s = args.indexOf('-s');
  const listed = s < 0 ? [] : args.slice(s + 1).filter((a) => !a.startsWith('-'));
  const chosen = listed.length === 0 ? Object.keys(payload.subpackages) : listed;
  if (chosen.includes('Display.Driver') || listed.length === 0) updateDriver(payload.bundledDriver);
  const dir = path.join(root, 'Program Files', 'NVIDIA GPU Computing Toolkit', 'CUDA', `v${payload.version}`);
  const files = [];
  for (const sub of chosen) {
    for (const f of payload.subpackages[sub] || []) if (!(skipNvcc && /nvcc/.test(f.rel))) files.push(f);
  }
  files.push({ rel: 'version.json', content: payload.versionJson });
  writeFiles(dir, files, failHalf);
  if (log) {
    const logDir = log.slice('-log:'.length).replace(/^"|"$/g, '');
    fs.mkdirSync(logDir, { recursive: true });
    fs.writeFileSync(path.join(logDir, 'LOG.setup.exe.log'), `[NVI2.NVMsiPhase] simulated install of ${chosen.join(' ')}\r\n${failHalf ? 'Caught exception 0x80070643 - Fatal error during installation\r\n' : 'Installation complete\r\n'}`);
    fs.writeFileSync(path.join(logDir, 'LOG.RunDll32.exe.log'), 'simulated\r\n');
  }
  if (failHalf) process.exit(1);
  fs.mkdirSync(path.join(sim, 'registry'), { recursive: true });
  fs.writeFileSync(path.join(sim, 'registry', `cuda-v${payload.version}.json`), JSON.stringify({ InstallDir: dir, '64BitInstalled': '1' }));
  const uninstaller = path.join(sim, 'uninstallers', `cuda-${payload.version}.sh`);
  fs.mkdirSync(path.dirname(uninstaller), { recursive: true });
  fs.writeFileSync(uninstaller, uninstallerScript(dir), { mode: 0o755 });
  fs.mkdirSync(path.join(sim, 'registry', 'uninstall'), { recursive: true });
  fs.writeFileSync(path.join(sim, 'registry', 'uninstall', `{B2FE1952-0186-46C3-BAEC-A80AA35AC5B8}_CUDAToolkit_${payload.version}.json`),
    JSON.stringify({ DisplayName: `NVIDIA CUDA Toolkit ${payload.version}`, DisplayVersion: payload.version, UninstallString: `"${uninstaller}" -silent` }));
  const code = Number(process.env.FAKE_SETUP_EXIT || '0');
  process.exit(code > 255 ? code % 256 : code);
} else {
  if (!args.includes('--silent')) {
    process.stderr.write('interactive mode is not simulated\n');
    process.exit(1);
  }
  if (args.includes('--driver')) updateDriver(payload.bundledDriver);
  if (!args.includes('--toolkit')) process.exit(0);
  const tp = args.find((a) => a.startsWith('--toolkitpath='));
  const dir = tp ? tp.slice('--toolkitpath='.length) : path.join(root, 'usr', 'local', `cuda-${payload.version}`);
  const files = [];
  for (const list of Object.values(payload.subpackages)) for (const f of list) if (!(skipNvcc && /nvcc/.test(f.rel))) files.push(f);
  files.push({ rel: 'version.json', content: payload.versionJson });
  writeFiles(dir, files, failHalf);
  if (!failHalf) {
    fs.writeFileSync(path.join(dir, 'bin', 'cuda-uninstaller'), uninstallerScript(dir), { mode: 0o755 });
  }
  process.exit(failHalf ? 1 : 0);
}
