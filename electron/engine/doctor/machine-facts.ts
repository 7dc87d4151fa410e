import type { DetectReport, Install } from '../../../shared/schemas/detect.js';
import type { Recommendation } from '../../../shared/schemas/recommend.js';
import { recommendForInstall } from '../recommend/for-install.js';
import { type DoctorFacts, addEvidence } from './facts.js';
import { installFacts, systemFacts } from './report-facts.js';
import { nvidiaSeen } from './rule-context.js';

/*
 * The scanned machine as a second source for pasted text: the paste says what happened, the scan says what fits.
 * Facts the paste names win; the scan fills in what the paste does not say (driver, GPU, platform) and, when the
 * paste comes from one of the scanned installs, that install's interpreter, kind, torch and its recommendation (so
 * a fix for "Torch not compiled with CUDA enabled" offers the build the card offers: one the driver runs, with
 * xformers kept paired). Evidence lines from the scan say so ("scan: …").
 */

/** The install the paste comes from: one whose folder the text names, else the only one scanned. */
export function installForPaste(report: DetectReport, text: string, facts: DoctorFacts): Install | null {
  const lower = text.toLowerCase().replace(/\\/g, '/');
  const named = report.installs.filter((i) => {
    const dir = i.path.toLowerCase().replace(/\\/g, '/').replace(/\/+$/, '');
    const py = facts.pythonPath?.toLowerCase().replace(/\\/g, '/') ?? '';
    return dir !== '' && (lower.includes(`${dir}/`) || py.startsWith(`${dir}/`));
  });
  if (named.length > 0) return named.sort((a, b) => b.path.length - a.path.length)[0] ?? null;
  return report.installs.length === 1 ? (report.installs[0] ?? null) : null;
}

/** Fills what the paste leaves open from the scan; returns the install's recommendation when one install matched. */
export function addMachineFacts(
  facts: DoctorFacts,
  report: DetectReport,
  text: string,
  env: Record<string, string | undefined>,
): { install: Install | null; recommendation: Recommendation | null } {
  const machine = systemFacts(report);
  const scan = (lines: readonly string[] | undefined): string[] => (lines ?? []).map((l) => `scan: ${l}`);
  if (facts.driverVersion === null && machine.driverVersion !== null) {
    facts.driverVersion = machine.driverVersion;
    facts.maxCudaVersion ??= machine.maxCudaVersion;
    facts.driverStatus ??= machine.driverStatus;
    addEvidence(facts, 'driver', scan(machine.evidence.driver));
  }
  if (facts.gpus.length === 0 && machine.gpus.length > 0) {
    facts.gpus = machine.gpus;
    addEvidence(facts, 'gpu', scan(machine.evidence.gpu));
  }
  facts.platformSeen ??= report.platform;
  if (machine.noNvidiaOnMachine === true && !nvidiaSeen(facts)) facts.noNvidiaOnMachine = true;
  const install = installForPaste(report, text, facts);
  if (install === null) return { install: null, recommendation: null };
  const own = installFacts(report, install);
  facts.installKind ??= own.installKind;
  facts.installPath ??= own.installPath;
  facts.pythonPath = own.pythonPath ?? facts.pythonPath;
  facts.pythonVersion ??= own.pythonVersion;
  if (facts.torchVersion === null && own.torchVersion !== null) {
    facts.torchVersion = own.torchVersion;
    facts.torchCudaVersion ??= own.torchCudaVersion;
    addEvidence(facts, 'torch', scan(own.evidence.torch));
  }
  facts.torchvisionVersion ??= own.torchvisionVersion;
  if (facts.xformers === null && own.xformers !== null) {
    facts.xformers = own.xformers;
    addEvidence(facts, 'xformers', scan(own.evidence.xformers));
  }
  return { install, recommendation: install.recommendation ?? recommendForInstall(report, install, env) };
}
