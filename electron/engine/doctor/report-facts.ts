import type { DetectReport, Install } from '../../../shared/schemas/detect.js';
import { type DoctorFacts, addEvidence, emptyFacts } from './facts.js';
import { launcherFromInstall } from './launcher-facts.js';

/** Facts about the machine alone (driver, GPUs, toolkit) from a detect report. */
export function systemFacts(report: DetectReport): DoctorFacts {
  const f = emptyFacts();
  f.platformSeen = report.platform;
  f.driverStatus = report.driver.status;
  f.driverMessage = report.driver.message;
  f.driverVersion = report.driver.version;
  f.maxCudaVersion = report.driver.maxCudaVersion;
  f.gpus = report.gpus.map((g) => ({ name: g.name, computeCapability: g.computeCapability }));
  f.toolkitVersion = report.toolkits[0]?.version ?? null;
  if (report.gpus.length === 0 && report.driver.version === null && report.driver.status === 'not-installed') f.noNvidiaOnMachine = true;
  if (report.driver.version) addEvidence(f, 'driver', [`NVIDIA driver ${report.driver.version} (CUDA ≤ ${report.driver.maxCudaVersion ?? '?'})`]);
  addEvidence(f, 'gpu', report.gpus.map((g) => `GPU ${g.index}: ${g.name}${g.computeCapability ? ` (compute capability ${g.computeCapability})` : ''}`));
  const tk = report.toolkits[0];
  if (tk) addEvidence(f, 'toolkit', [`CUDA toolkit ${tk.version} (${tk.path})`]);
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
    addEvidence(f, 'torch', [`torch ${torch.version} (${install.path})`]);
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
    addEvidence(f, 'xformers', [`xformers ${install.xformers.version}${install.xformers.builtForTorch ? ` (built for torch ${install.xformers.builtForTorch})` : ''}`]);
  }
  f.libraries = install.libraries;
  f.launcher = install.launcher ? launcherFromInstall(install.launcher) : null;
  f.probe = install.probe ?? null;
  f.installProblems = install.problems ?? [];
  return f;
}
