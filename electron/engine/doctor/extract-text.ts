import type { Extracted } from '../../../shared/schemas/doctor.js';
import { lookupComputeCapability } from '../knowledge/gpu.js';
import { parseCollectEnv } from '../parsers/collect-env.js';
import { parseNvccVersion } from '../parsers/nvcc.js';
import { parseNvidiaSmi } from '../parsers/nvidia-smi.js';
import { parsePipPackages } from '../parsers/pip-list.js';
import { cudaTagToVersion } from '../knowledge/versions.js';
import { cudaIntToVersion, normaliseCudaVersion, parseTorchVersion } from '../parsers/torch-version.js';
import { parseXformersReport } from '../parsers/xformers.js';
import { type DoctorFacts, addEvidence, emptyFacts } from './facts.js';
import { MAX_GPUS, extractGpuMentions, gpuKey } from './gpu-mentions.js';
import { launcherFromText } from './launcher-facts.js';
import { linesMatching } from './normalise.js';
import { platformFromText } from './platform-guess.js';
import { extractProseFacts } from './prose-facts.js';

/** torchvision's import check: "PyTorch has CUDA Version=12.1 and torchvision has CUDA Version=11.8". */
export const TORCHVISION_CUDA = /PyTorch has CUDA Version=(\d+\.\d+) and torchvision has CUDA Version=(\d+\.\d+)/i;

/** Reads every known kind of output in normalised text and merges what it finds (first source wins per fact). */
export function extractFacts(text: string): DoctorFacts {
  const facts = emptyFacts();
  const lines = text.split('\n');
  const env = parseCollectEnv(text);
  const smi = parseNvidiaSmi(text);
  const xf = parseXformersReport(text);
  const pip = { ...parsePipPackages(text), ...env.pip };

  facts.platformSeen = platformFromText(text, env.os);
  const prose = extractProseFacts(text);
  facts.blackwellMentioned = prose.blackwell;

  // Driver and its CUDA ceiling.
  facts.driverVersion = smi.driverVersion ?? env.driverVersion ?? freeDriver(text) ?? prose.driver;
  if (!smi.driverVersion && !env.driverVersion) addEvidence(facts, 'driver', prose.evidence.driver);
  facts.maxCudaVersion = smi.maxCudaVersion ?? foundVersion(text);
  addEvidence(facts, 'driver', [...smi.evidence.filter((l) => /driver|cuda|KMD|UMD/i.test(l)).slice(0, 2), ...linesMatching(lines, /Nvidia driver version|found version \d{4,6}|drivers? (?:are|is|version)\b/i, 2)]);

  // GPUs: nvidia-smi, collect_env, then names and sm_XX mentioned in logs.
  const ccOf = memoCc();
  const fromSmi = smi.gpus.slice(0, MAX_GPUS).map((g) => ({ name: g.name, computeCapability: g.computeCapability ?? ccOf(g.name) }));
  const fromEnv = env.gpus.slice(0, MAX_GPUS).map((name) => ({ name, computeCapability: ccOf(name) }));
  const mentions = extractGpuMentions(text);
  facts.gpus = mergeGpus(fromSmi.length > 0 ? fromSmi : fromEnv, [...fromEnv, ...mentions.gpus, ...prose.gpus]);
  addEvidence(facts, 'gpu', [...mentions.evidence, ...(mentions.gpus.length === 0 ? prose.evidence.gpu : [])]);

  // Toolkit: nvcc, collect_env's "CUDA runtime version" (which is nvcc), cpp_extension's mismatch message.
  const nvcc = parseNvccVersion(text);
  const mismatch = /detected CUDA version \((\d+\.\d+)\) mismatches the version that was used to compile\s+PyTorch \((\d+\.\d+)\)/i.exec(text);
  const freeNvcc = /\bnvcc`?\s+V?(\d{1,2}\.\d)(?:\.\d+)?\b/i.exec(text);
  facts.toolkitVersion = nvcc?.version ?? norm(env.cudaRuntimeVersion) ?? mismatch?.[1] ?? norm(freeNvcc?.[1]) ?? null;
  addEvidence(facts, 'toolkit', linesMatching(lines, /Cuda compilation tools|CUDA runtime version|detected CUDA version/i, 2));

  // torch.
  const installed = installedTorch(text);
  facts.torchVersion = env.torchVersion ?? xf.installedTorch ?? pip.torch ?? prose.conflict?.have ?? installed ?? prose.torch ?? null;
  if (facts.torchVersion !== null && facts.torchVersion === prose.torch) addEvidence(facts, 'torch', prose.evidence.torch);
  const parsed = facts.torchVersion ? parseTorchVersion(facts.torchVersion) : null;
  // A single CUDA tag named in the text ("…_nvidia_cu121_or_cpu", "CU130 需要…", an index URL) is the build's CUDA
  // when nothing else says it; two different tags say nothing.
  const namedTag = prose.cudaTags.length === 1 && parsed?.variant !== 'cpu' && parsed?.variant !== 'rocm' ? cudaTagToVersion(prose.cudaTags[0] ?? '') : null;
  const visionCheck = TORCHVISION_CUDA.exec(text);
  facts.torchCudaVersion = env.torchCudaVersion ? norm(env.torchCudaVersion) : (parsed?.cudaVersion ?? mismatch?.[2] ?? norm(visionCheck?.[1]) ?? namedTag ?? null);
  if (visionCheck !== null && facts.torchCudaVersion === norm(visionCheck[1])) addEvidence(facts, 'torchCuda', linesMatching(lines, TORCHVISION_CUDA, 1));
  if (facts.torchCudaVersion !== null && facts.torchCudaVersion === namedTag && !parsed?.cudaVersion) {
    addEvidence(facts, 'torchCuda', linesMatching(lines, new RegExp(`\\b${prose.cudaTags[0]}\\b`, 'i'), 1));
  }
  facts.cudaAvailable = env.cudaAvailable ?? cudaAvailableFromText(text);
  const archs = /supports CUDA capabilities ((?:sm_\d+[af]?\s*)+)/i.exec(text);
  if (archs?.[1]) facts.archList = archs[1].trim().split(/\s+/);
  addEvidence(facts, 'torch', linesMatching(lines, /PyTorch version|You are running torch|pytorch version|you have \d|Requirement already satisfied: torch[=<> ]|^torch[ =]/i, 2));
  addEvidence(facts, 'cudaAvailable', linesMatching(lines, /Is CUDA available|cuda\.is_available\(\)|not able to use GPU/i, 1));

  facts.torchvisionVersion = pip.torchvision ?? installedPackage(text, 'torchvision') ?? null;
  if (xf.builtForTorch !== null || xf.xformersVersion !== null) {
    facts.xformers = { version: xf.xformersVersion ?? pip.xformers ?? null, builtForTorch: xf.builtForTorch, builtForCuda: xf.builtForCuda, builtForPython: xf.builtForPython };
    addEvidence(facts, 'xformers', xf.evidence);
  } else if (pip.xformers !== undefined) {
    facts.xformers = { version: pip.xformers, builtForTorch: null, builtForCuda: null, builtForPython: null };
  } else if (prose.xformers !== null) {
    facts.xformers = { version: prose.xformers, builtForTorch: null, builtForCuda: null, builtForPython: null };
    addEvidence(facts, 'xformers', linesMatching(lines, /^\s*xformers\s{2,}\d/, 1));
  } else if (prose.xformersNeeds !== null) {
    // xformers' requirement typed in prose: what it needs is what it was built for.
    facts.xformers = { version: prose.xformersNeeds.version, builtForTorch: prose.xformersNeeds.torch, builtForCuda: null, builtForPython: null };
    addEvidence(facts, 'xformers', [prose.xformersNeeds.line]);
  } else if (prose.conflict?.pkg === 'xformers') {
    // pip's resolver: "xformers X requires torch==Y, but you have torch Z".
    facts.xformers = { version: prose.conflict.version, builtForTorch: prose.conflict.requires, builtForCuda: null, builtForPython: null };
    addEvidence(facts, 'xformers', [prose.conflict.line]);
  }
  if (prose.conflict !== null) {
    facts.torchVersion ??= prose.conflict.have;
    if (prose.conflict.pkg === 'torchvision') facts.torchvisionVersion ??= prose.conflict.version;
  }
  facts.cudnnVersion = env.cudnnVersion;
  facts.pythonVersion = xf.installedPython ?? env.pythonVersion ?? banner(text) ?? prose.python;
  if (facts.pythonVersion !== null && facts.pythonVersion === prose.python) addEvidence(facts, 'python', prose.evidence.python);
  addEvidence(facts, 'python', linesMatching(lines, /Python version|^Python \d|you have 3\./i, 1));
  facts.launcher = launcherFromText(text);
  facts.pythonPath = prose.interpreter;
  return facts;
}

/** The contract's `extracted` object from the facts. */
export function toExtracted(facts: DoctorFacts): Extracted {
  return {
    platform: facts.platformSeen,
    driverVersion: facts.driverVersion,
    maxCudaVersion: facts.maxCudaVersion,
    gpus: facts.gpus.map((g) => ({ name: g.name, computeCapability: g.computeCapability })),
    toolkitVersion: facts.toolkitVersion,
    torchVersion: facts.torchVersion,
    torchCudaVersion: facts.torchCudaVersion,
    cudnnVersion: facts.cudnnVersion,
    pythonVersion: facts.pythonVersion,
    xformersVersion: facts.xformers?.version ?? null,
    xformersBuiltForTorch: facts.xformers?.builtForTorch ?? null,
  };
}

function norm(v: string | null | undefined): string | null {
  return v ? normaliseCudaVersion(v) : null;
}

/** torch's "found version 11040" = the driver's max CUDA as an integer (facts.md §9). */
function foundVersion(text: string): string | null {
  const m = /found version (\d{4,6})/i.exec(text);
  return m?.[1] ? cudaIntToVersion(Number(m[1])) : null;
}

/** "Your drivers are v573.24", "driver version 531.79", "Driver: 546.33". */
function freeDriver(text: string): string | null {
  const m = /\b(?:nvidia\s+)?drivers?\b(?:\s+version)?(?:\s+(?:is|are))?(?:\s*[:=])?\s*v?(\d{3}\.\d{2,3}(?:\.\d{1,3})?)\b/i.exec(text);
  return m?.[1] ?? null;
}

/** The installed torch as pip or the app reports it ("Requirement already satisfied: torch==1.12.1 in … (1.12.1)"). */
function installedTorch(text: string): string | null {
  const running = /You are running torch (\d+\.\d+(?:\.\d+)?(?:[a-z]+\d+)?(?:\+[\w.]*\w)?)/i.exec(text);
  const logged = /\b(?:pytorch|torch) version(?:\s*[:=])?\s*(\d+\.\d+\.\d+(?:[a-z]+\d+)?)(?:\s*\+\s*(cu\d+|cpu|rocm[\d.]+))?/i.exec(text);
  const loggedVersion = logged?.[1] ? `${logged[1]}${logged[2] ? `+${logged[2]}` : ''}` : null;
  // Not the torch pip is replacing ("Found existing installation: torch 2.3.1+cu121", "Uninstalling torch-…").
  const tagged = /(?<!Found existing installation: )\btorch[ =]=?\s*v?(\d+\.\d+\.\d+(?:[a-z]+\d+)?\+(?:cu\d+|cpu|rocm[\d.]+))/i.exec(text);
  return installedPackage(text, 'torch') ?? running?.[1] ?? loggedVersion ?? tagged?.[1] ?? null;
}

function installedPackage(text: string, name: string): string | null {
  const satisfied = new RegExp(`Requirement already satisfied: ${name}(?:[=<>!~]=?\\S*)? in \\S+ \\(([^)\\s]+)\\)`, 'i').exec(text);
  return satisfied?.[1] ?? satisfiedFrom(text, name) ?? successfullyInstalled(text, name);
}

/** "Requirement already satisfied: torch in …site-packages (from -r requirements.txt (line 1)) (2.1.1)": the last "(version)". */
function satisfiedFrom(text: string, name: string): string | null {
  const head = `Requirement already satisfied: ${name} in `.toLowerCase();
  for (const line of text.split('\n')) {
    if (!line.toLowerCase().startsWith(head)) continue;
    const version = /\((\d[\w.+]*)\)\s*$/.exec(line)?.[1];
    if (version !== undefined) return version;
  }
  return null;
}

/** `name`'s version on pip's "Successfully installed a-1 name-2.1.0 …" line (one scan per line, no backtracking over it). */
function successfullyInstalled(text: string, name: string): string | null {
  const pkg = new RegExp(`(?:^|\\s)${name}-(\\d\\S*)`, 'i');
  for (const line of text.matchAll(/Successfully installed ([^\n]*)/gi)) {
    const hit = pkg.exec(line[1] ?? '');
    if (hit?.[1] !== undefined) return hit[1];
  }
  return null;
}

// "is_available() returns False", "… returning False.", "… ---> false", "is_available(): False", "= False".
const IS_AVAILABLE_FALSE = /cuda\.is_available\(\)\s{0,3}(?:(?:[-=:>]{1,4}|\b(?:returns?|returning|returned|is|gives|prints|outputs|shows)\b)\s{0,3})?False\b/i;
const IS_AVAILABLE_TRUE = /cuda\.is_available\(\)\s{0,3}(?:(?:[-=:>]{1,4}|\b(?:returns?|returning|returned|is|gives|prints|outputs|shows)\b)\s{0,3})?True\b/i;

function cudaAvailableFromText(text: string): boolean | null {
  if (IS_AVAILABLE_FALSE.test(text) || /Torch is not able to use GPU/i.test(text)) return false;
  if (IS_AVAILABLE_TRUE.test(text)) return true;
  return null;
}

/** "Python 3.10.9 (main, Dec 15 2022, …)" interpreter banner. */
function banner(text: string): string | null {
  return /^Python (\d+\.\d+\.\d+) \(/m.exec(text)?.[1] ?? /\bpython3?-(\d+\.\d+\.\d+)(?:-env)?\//i.exec(text)?.[1] ?? null;
}

/** The GPU table's compute capability per name, looked up once per distinct name. */
function memoCc(): (name: string) => string | null {
  const known = new Map<string, string | null>();
  return (name) => {
    if (!known.has(name)) known.set(name, lookupComputeCapability(name)?.cc ?? null);
    return known.get(name) ?? null;
  };
}

/**
 * The primary list (one entry per GPU, duplicates kept) plus names only mentioned elsewhere. Keys are computed once
 * and entries grouped by key, so only distinct names are compared (both lists hold at most MAX_GPUS of them).
 */
function mergeGpus(primary: DoctorFacts['gpus'], extra: DoctorFacts['gpus']): DoctorFacts['gpus'] {
  const out = primary.map((g) => ({ ...g }));
  const groups = new Map<string, DoctorFacts['gpus']>();
  for (const g of out) {
    const key = gpuKey(g.name);
    groups.set(key, [...(groups.get(key) ?? []), g]);
  }
  for (const g of extra) {
    const key = gpuKey(g.name);
    const same = [...groups.entries()].filter(([k]) => k.includes(key) || key.includes(k)).flatMap(([, list]) => list);
    if (same.length === 0) {
      const added = { ...g };
      out.push(added);
      groups.set(key, [added]);
    }
    for (const o of same) o.computeCapability ??= g.computeCapability;
  }
  return out;
}
