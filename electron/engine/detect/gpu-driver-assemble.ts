import type { Driver, Gpu, Platform } from '../../../shared/schemas/detect.js';
import type { RunResult } from '../process/run.js';
import {
  classifyNvidiaSmiFailure, parseNvidiaSmi, parseNvidiaSmiQueryCsv, type SmiGpu,
} from '../parsers/nvidia-smi.js';
import { capField } from '../parsers/text-lines.js';
import type { Msg } from '../../../shared/i18n/message.js';
import { detectMsg, renderIn } from '../i18n/msg-text.js';

/** A driver message: the English string the contract carries, and the message it was rendered from. */
function said(m: Msg): { message: string; messageMsg: Msg } {
  return { message: renderIn('en', m), messageMsg: m };
}

/** GPUs and driver as one detection answer. */
export interface GpuDriver {
  gpus: Gpu[];
  driver: Driver;
}

/** What the nvidia-smi runs produced; any run may be missing (not attempted). */
export interface SmiRuns {
  smiPath: string;
  platform: Platform;
  query: RunResult | null;
  queryFields: readonly string[];
  table: RunResult | null;
  detailed: RunResult | null;
  /** Driver → newest CUDA it runs (knowledge base), used when no output printed "CUDA Version". */
  deriveMaxCuda: (driverVersion: string, platform: Platform) => string | null;
  /** GPU name → compute capability (knowledge base), used when the query had no compute_cap. */
  lookupCc: (gpuName: string) => string | null;
}

const output = (r: RunResult | null): string => (r ? `${r.stdout}\n${r.stderr}` : '');

/** Turns the nvidia-smi runs into GPUs + driver status. Pure: every decision about the outputs lives here. */
export function assembleGpuDriver(runs: SmiRuns): GpuDriver {
  const csv = runs.query?.ok ? parseNvidiaSmiQueryCsv(runs.query.stdout, runs.queryFields) : null;
  const table = runs.table?.ok ? parseNvidiaSmi(runs.table.stdout) : null;
  const detailed = runs.detailed?.ok ? parseNvidiaSmi(runs.detailed.stdout) : null;
  const driverVersion = csv?.driverVersion ?? table?.driverVersion ?? detailed?.driverVersion ?? null;
  const smiGpus = firstNonEmpty([csv?.gpus, table?.gpus, detailed?.gpus]);
  const gpus = smiGpus.map((g) => toGpu(g, runs.lookupCc));
  if (driverVersion === null) {
    return { gpus, driver: failedDriver(runs) };
  }
  const printedMax = table?.maxCudaVersion ?? detailed?.maxCudaVersion ?? null;
  const maxCudaVersion = printedMax ?? runs.deriveMaxCuda(driverVersion, runs.platform);
  const max = maxCudaVersion === null
    ? detectMsg('driver.maxUnknown')
    : detectMsg(printedMax === null ? 'driver.maxDerived' : 'driver.maxPrinted', { cuda: maxCudaVersion });
  return {
    gpus,
    driver: {
      status: 'ok',
      version: driverVersion,
      maxCudaVersion,
      ...said(detectMsg(gpus.length === 0 ? 'driver.okNoGpu' : 'driver.ok', { version: driverVersion, max })),
      nvidiaSmiPath: runs.smiPath,
    },
  };
}

/** The driver answer when no nvidia-smi exists at all. */
export function notInstalledDriver(tried: readonly string[]): GpuDriver {
  const where = `${tried.slice(0, 6).join(', ')}${tried.length > 6 ? ', …' : ''}`;
  return {
    gpus: [],
    driver: {
      status: 'not-installed',
      version: null,
      maxCudaVersion: null,
      ...said(tried.length > 0 ? detectMsg('driver.notInstalledLooked', { where }) : detectMsg('driver.notInstalled')),
      nvidiaSmiPath: null,
    },
  };
}

/**
 * The driver answer when TORCHLIFT_NVIDIA_SMI names no file (a typo): status unknown, not "not installed", so
 * nothing concludes "no NVIDIA GPU" from a wrong setting.
 */
export function forcedSmiMissing(value: string): GpuDriver {
  return {
    gpus: [],
    driver: {
      status: 'unknown',
      version: null,
      maxCudaVersion: null,
      ...said(detectMsg('driver.forcedMissing', { value })),
      nvidiaSmiPath: null,
    },
  };
}

function failedDriver(runs: SmiRuns): Driver {
  const base = { version: null, maxCudaVersion: null, nvidiaSmiPath: runs.smiPath } as const;
  const known = classifyNvidiaSmiFailure(output(runs.query)) ?? classifyNvidiaSmiFailure(output(runs.table))
    ?? classifyNvidiaSmiFailure(output(runs.detailed));
  if (known) return { ...base, status: known.status, message: known.message, messageMsg: known.msg };
  const all = [runs.query, runs.table, runs.detailed].filter((r): r is RunResult => r !== null);
  if (all.some((r) => r.timedOut)) {
    return { ...base, status: 'unknown', ...said(detectMsg('driver.timeout')) };
  }
  const spawn = all.find((r) => r.spawnError !== null);
  if (spawn) return { ...base, status: 'unknown', ...said(detectMsg('driver.spawn', { path: runs.smiPath, error: capField(spawn.spawnError ?? '') })) };
  if (all.some((r) => r.outputCapped === true)) {
    return { ...base, status: 'unknown', ...said(detectMsg('driver.capped', { path: runs.smiPath })) };
  }
  const crash = all.find((r) => r.exitCode === null && r.signal !== null);
  if (crash) {
    return { ...base, status: 'unknown', ...said(detectMsg('driver.crash', { path: runs.smiPath, signal: String(crash.signal) })) };
  }
  // Only the first line, cut and cleaned: a program printing a 100 MB line must not put it into the report.
  const first = all.map((r) => firstLine(r.stderr) || firstLine(r.stdout)).find((l) => l !== '') ?? '';
  return { ...base, status: 'unknown', ...said(first ? detectMsg('driver.noVersionLine', { line: capField(first) }) : detectMsg('driver.noVersion')) };
}

/** The first non-blank line of a text, found without splitting all of it. */
function firstLine(text: string): string {
  const start = text.search(/\S/);
  if (start < 0) return '';
  const end = text.slice(start, start + 4096).search(/[\r\n]/);
  return (end < 0 ? text.slice(start, start + 4096) : text.slice(start, start + end)).trim();
}

function toGpu(g: SmiGpu, lookupCc: (name: string) => string | null): Gpu {
  const fromTable = g.computeCapability === null ? lookupCc(g.name) : null;
  const computeCapability = g.computeCapability ?? fromTable;
  return {
    index: g.index,
    name: g.name,
    memoryTotalMiB: g.memoryTotalMiB,
    computeCapability,
    computeCapabilitySource: g.computeCapability !== null ? 'nvidia-smi' : fromTable !== null ? 'name-table' : null,
    ...(g.nameTruncated ? { nameTruncated: true } : {}),
  };
}

function firstNonEmpty(lists: readonly (readonly SmiGpu[] | undefined)[]): SmiGpu[] {
  for (const l of lists) if (l && l.length > 0) return [...l];
  return [];
}
