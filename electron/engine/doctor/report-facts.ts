import type { DetectReport, Install } from '../../../shared/schemas/detect.js';
import { type DoctorFacts, addEvidence, emptyFacts } from './facts.js';
import { launcherFromInstall } from './launcher-facts.js';
import { detectMsg } from '../i18n/msg-text.js';

/** Facts about the machine alone (driver, GPUs, toolkit) from a detect report. */
export function systemFacts(report: DetectReport): DoctorFacts {
  const f = emptyFacts();
  f.platformSeen = report.platform;
  f.driverStatus = report.driver.status;
  f.driverMessage = report.driver.messageMsg ?? report.driver.message;
  f.driverVersion = report.driver.version;
  f.maxCudaVersion = report.driver.maxCudaVersion;
  f.gpus = report.gpus.map((g) => ({ name: g.name, computeCapability: g.computeCapability }));
  f.toolkitVersion = report.toolkits[0]?.version ?? null;
  if (report.gpus.length === 0 && report.driver.version === null && report.driver.status === 'not-installed') f.noNvidiaOnMachine = true;
  if (report.driver.version) addEvidence(f, 'driver', [detectMsg('evidence.driver', { version: report.driver.version, cuda: report.driver.maxCudaVersion ?? '?' })]);
  addEvidence(f, 'gpu', report.gpus.map((g) => (g.computeCapability
    ? detectMsg('evidence.gpuCc', { index: g.index, name: g.name, cc: g.computeCapability })
    : detectMsg('evidence.gpu', { index: g.index, name: g.name }))));
  const tk = report.toolkits[0];
  if (tk) addEvidence(f, 'toolkit', [detectMsg('evidence.toolkit', { version: tk.version, path: tk.path })]);
  return f;
}

/** Facts about one install on top of the machine's. */
export function installFacts(report: DetectReport, install: Install): DoctorFacts {
  const f = systemFacts(report);
  f.installKind = install.kind;
  f.installPath = install.path;
  f.pythonPath = install.python?.path ?? null;
  f.pythonVersion = install.python?.version ?? null;
  const torch = install.torch;
  if (torch) {
    f.torchVersion = torch.version;
    f.torchCudaVersion = torch.cudaVersion;
    f.cudaAvailable = torch.cudaAvailable;
    f.archList = torch.archList;
    f.cudnnVersion = torch.cudnnVersion;
    addEvidence(f, 'torch', [detectMsg('evidence.torch', { version: torch.version, path: install.path })]);
    if (torch.cudaVersion) addEvidence(f, 'torchCuda', [`torch.version.cuda = ${torch.cudaVersion}`]);
    if (torch.cudaAvailable !== null) addEvidence(f, 'cudaAvailable', [`torch.cuda.is_available() = ${torch.cudaAvailable ? 'True' : 'False'}`]);
    // The probe saw the real device capability; prefer it over the name table.
    const probed = torch.deviceCapabilities ?? [];
    f.gpus = f.gpus.map((g, i) => ({ ...g, computeCapability: probed[i] ?? g.computeCapability }));
  }
  f.torchvisionVersion = install.torchvision?.version ?? null;
  if (install.xformers) {
    f.xformers = {
      version: install.xformers.version,
      builtForTorch: install.xformers.builtForTorch,
      builtForCuda: install.xformers.builtForCuda ?? null,
      builtForPython: install.xformers.builtForPython ?? null,
    };
    addEvidence(f, 'xformers', [install.xformers.builtForTorch
      ? detectMsg('evidence.xformersBuilt', { version: install.xformers.version, torch: install.xformers.builtForTorch })
      : detectMsg('evidence.xformers', { version: install.xformers.version })]);
  }
  f.libraries = install.libraries;
  f.launcher = install.launcher ? launcherFromInstall(install.launcher) : null;
  f.probe = install.probe ?? null;
  f.installProblems = install.problemMsgs ?? install.problems ?? [];
  return f;
}
