// The "xFormers can't load C++/CUDA extensions" warning and `python -m xformers.info` output.
import { cleanLines, squashSpaces, valueOrNull } from './text-lines.js';
import { cudaIntToVersion } from './torch-version.js';

/** What xformers says it was built for and what it found installed. */
export interface XformersReport {
  xformersVersion: string | null;
  builtForTorch: string | null;
  /** CUDA version decoded from xformers' integer ("1201" → "12.1"). */
  builtForCuda: string | null;
  builtForPython: string | null;
  installedTorch: string | null;
  installedPython: string | null;
  evidence: string[];
}

// "PyTorch 2.1.2+cu121 with CUDA 1201 (you have 2.3.0+cu121)" — one line or wrapped.
// Older xformers print no CUDA: "PyTorch 2.0.1 (you have 2.1.0+cu121)".
const BUILT_TORCH = /PyTorch\s+(\S+)\s+(?:with\s+CUDA\s+(\d+)\s+)?\(you have\s+([^)\s]+)\s*\)/;
const BUILT_PYTHON = /Python\s+(\d+\.\d+(?:\.\d+)?\S*)\s+\(you have\s+([^)\s]+)\s*\)/;
const INFO_KEYS: Record<string, keyof Omit<XformersReport, 'evidence'>> = {
  'pytorch.version': 'installedTorch',
  'build.torch_version': 'builtForTorch',
  'build.cuda_version': 'builtForCuda',
  'build.python_version': 'builtForPython',
};

/** Parses the xformers mismatch warning and/or `python -m xformers.info`; fields not printed stay null. */
export function parseXformersReport(text: string): XformersReport {
  const report: XformersReport = {
    xformersVersion: null,
    builtForTorch: null,
    builtForCuda: null,
    builtForPython: null,
    installedTorch: null,
    installedPython: null,
    evidence: [],
  };
  const flat = squashSpaces(cleanLines(text).join('\n'));
  const torch = BUILT_TORCH.exec(flat);
  if (torch !== null) {
    report.builtForTorch = torch[1] ?? null;
    report.builtForCuda = cudaFromInt(torch[2]);
    report.installedTorch = torch[3] ?? null;
    report.evidence.push(torch[0]);
  }
  const python = BUILT_PYTHON.exec(flat);
  if (python !== null) {
    report.builtForPython = python[1] ?? null;
    report.installedPython = python[2] ?? null;
    report.evidence.push(python[0]);
  }
  for (const line of cleanLines(text)) readInfoLine(line.trim(), report);
  return report;
}

function cudaFromInt(value: string | undefined | null): string | null {
  const clean = valueOrNull(value);
  if (clean === null) return null;
  if (/^\d+\.\d+/.test(clean)) return clean;
  return /^\d+$/.test(clean) ? cudaIntToVersion(Number(clean)) : null;
}

function readInfoLine(line: string, report: XformersReport): void {
  const version = /^(?:xFormers|xformers(?:\s+version)?\s*[:=]=?)\s*(\d+\.\d+\.\d+\S*)$/.exec(line);
  if (version?.[1] !== undefined && report.xformersVersion === null) {
    report.xformersVersion = version[1];
    report.evidence.push(line);
    return;
  }
  const pair = /^([a-z_.]+):\s+(\S.*)$/.exec(line);
  const field = pair?.[1] === undefined ? undefined : INFO_KEYS[pair[1]];
  if (field === undefined || pair?.[2] === undefined || report[field] !== null) return;
  const value = field === 'builtForCuda' ? cudaFromInt(pair[2]) : valueOrNull(pair[2]);
  if (value === null) return;
  report[field] = value;
  report.evidence.push(line);
}
