import type { Install, ProbeStatus, TorchInfo } from '../../../shared/schemas/detect.js';
import { cudnnVersionFromInt } from '../parsers/cudnn-header.js';
import type { ProbeOutput } from './probe-output.js';
import { probeAnswered, type ProbeRun } from './probe-runner.js';

/** The install's probe status from a probe run. */
export function probeStatusOf(r: ProbeRun): ProbeStatus {
  if (probeAnswered(r)) {
    const err = r.output.importError;
    return {
      state: r.state,
      message: err ? `${err.type}: ${err.message}` : null,
      durationMs: r.durationMs,
      warnings: r.output.warnings.map((w) => w.message),
      importError: err,
      pythonVersion: r.output.python?.version ?? null,
    };
  }
  return { state: r.state, message: r.message, durationMs: r.durationMs };
}

/** TorchInfo as the imported torch reports it (source "import"), or null when torch did not import. */
export function torchInfoFromProbe(output: ProbeOutput): TorchInfo | null {
  const t = output.torch;
  if (!t) return null;
  return {
    version: t.version,
    cudaVersion: t.cuda,
    cudnnVersion: t.cudnn === null ? null : cudnnVersionFromInt(t.cudnn),
    cudaAvailable: t.cudaAvailable,
    archList: t.archList,
    deviceCapabilities: t.devices.map((d) => d.capability).filter((c): c is string => c !== null),
    source: 'import',
  };
}

/** Merges a probe run into an install read from files: the import wins where it answered; files stay otherwise. */
export function applyProbe(install: Install, r: ProbeRun): Install {
  const probe = probeStatusOf(r);
  if (!probeAnswered(r)) return { ...install, probe };
  const torch = torchInfoFromProbe(r.output);
  const version = r.output.python?.version ?? null;
  const python = install.python && version ? { ...install.python, version } : install.python;
  return { ...install, probe, python, torch: torch ? mergeTorch(install.torch, torch) : install.torch };
}

function mergeTorch(files: TorchInfo | null, imported: TorchInfo): TorchInfo {
  return { ...imported, cudnnVersion: imported.cudnnVersion ?? files?.cudnnVersion ?? null };
}
