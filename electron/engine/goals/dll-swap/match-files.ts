import path from 'node:path';
import type { Refusal } from '../../../../shared/schemas/tx.js';
import { isDllName, libraryKey } from '../../detect/library-name.js';

/** A library file found in torch/lib, nvidia/*\/lib, a toolkit's bin/lib64 or a cuDNN archive. */
export interface LibFile {
  path: string;
  name: string;
  component: string;
  major: number | null;
  bytes: number;
}

/** One file of the swap: the new file and the target it replaces or creates. */
export interface SwapPair {
  target: string;
  source: string;
  action: 'replace' | 'create';
  component: string;
  oldBytes: number | null;
  newBytes: number;
}

/** Source folders of one kind (CUDA toolkit or cuDNN archive), already scanned. */
export interface SourceSet {
  dir: string;
  files: LibFile[];
}

/** The result of matching: pairs when possible, refusals that explain why not, notes worth showing. */
export interface MatchResult {
  pairs: SwapPair[];
  refusals: Refusal[];
  notes: string[];
}

const NAMES: Record<string, string> = { cudart: 'CUDA runtime', cublas: 'cuBLAS', cudnn: 'cuDNN' };

/**
 * Pairs every CUDA runtime/cuBLAS and cuDNN library of the install with the same library (same name, same major)
 * from the sources, by the rules of facts.md §6: same-major only (never cuDNN 9 over 8, never CUDA 12 over 11),
 * every needed file present, companions (nvJitLink for CUDA 12+, zlibwapi.dll for cuDNN 8) handled. Pure.
 */
export function matchSwap(args: { targets: readonly LibFile[]; cuda: SourceSet | null; cudnn: SourceSet | null; cudnnBuiltForCuda: number | null }): MatchResult {
  const out: MatchResult = { pairs: [], refusals: [], notes: [] };
  if (args.cuda) matchGroup(out, args.targets, args.cuda, ['cudart', 'cublas']);
  if (args.cudnn) matchGroup(out, args.targets, args.cudnn, ['cudnn']);
  const cudart = args.targets.find((t) => t.component === 'cudart' && t.major !== null);
  if (args.cuda && cudart?.major != null && cudart.major >= 12) addCompanion({ out, targets: args.targets, source: args.cuda, component: 'nvjitlink', major: cudart.major, required: false });
  const cudnnTarget = args.targets.find((t) => t.component === 'cudnn' && t.major !== null);
  if (args.cudnn && cudnnTarget?.major === 8 && isDllName(cudnnTarget.name)) addCompanion({ out, targets: args.targets, source: args.cudnn, component: 'zlib', major: null, required: false });
  if (args.cudnn && cudart?.major != null && args.cudnnBuiltForCuda !== null && args.cudnnBuiltForCuda !== cudart.major) {
    out.refusals.push({
      code: 'cudnn-cuda-mismatch',
      message: `The cuDNN in "${args.cudnn.dir}" is built for CUDA ${args.cudnnBuiltForCuda}, but this torch build uses CUDA ${cudart.major} (${cudart.name}); it would not load.`,
      fix: `Download the cuDNN archive "…_cuda${cudart.major}-archive" of the same cuDNN version and pass that folder.`,
    });
  }
  return out;
}

function matchGroup(out: MatchResult, targets: readonly LibFile[], source: SourceSet, components: readonly string[]): void {
  const mine = targets.filter((t) => components.includes(t.component));
  if (mine.length === 0) {
    out.refusals.push({
      code: 'nothing-to-replace',
      message: `This install has no ${components.map((c) => NAMES[c] ?? c).join('/')} libraries in torch/lib (or site-packages/nvidia): there is nothing to swap.`,
      fix: 'Check --app (it must be the install whose venv holds torch), or upgrade torch instead (torchlift plan torch-upgrade).',
    });
    return;
  }
  for (const component of components) {
    const targetsOfC = mine.filter((t) => t.component === component);
    if (targetsOfC.length === 0) continue;
    const sourcesOfC = source.files.filter((s) => s.component === component);
    const want = targetsOfC[0]?.major ?? null;
    const label = NAMES[component] ?? component;
    if (sourcesOfC.length === 0) {
      out.refusals.push({ code: 'source-missing', message: `No ${label} libraries were found in "${source.dir}".`, fix: sourceFix(component) });
      continue;
    }
    if (want !== null && !sourcesOfC.some((s) => s.major === want)) {
      const have = [...new Set(sourcesOfC.map((s) => s.major))].join('/');
      out.refusals.push(majorMismatch({ label, component, have, want, targetName: targetsOfC[0]?.name ?? '', dir: source.dir }));
      continue;
    }
    for (const t of targetsOfC) pairOrRefuse(out, t, source, true);
  }
}

function pairOrRefuse(out: MatchResult, t: LibFile, source: SourceSet, required: boolean): void {
  const s = source.files.find((x) => libraryKey(x.name) === libraryKey(t.name));
  if (s) {
    out.pairs.push({ target: t.path, source: s.path, action: 'replace', component: t.component, oldBytes: t.bytes, newBytes: s.bytes });
  } else if (required) {
    out.refusals.push({
      code: 'source-file-missing',
      message: `"${t.name}" is not in "${source.dir}": every file the swap needs must be there before anything is touched.`,
      fix: 'Unpack the complete archive (or the complete toolkit) again and pass its root folder.',
    });
  } else {
    out.notes.push(`${t.name} is kept as it is (no newer copy in "${source.dir}").`);
  }
}

function addCompanion(args: { out: MatchResult; targets: readonly LibFile[]; source: SourceSet; component: string; major: number | null; required: boolean }): void {
  const { out, targets, source, component } = args;
  const existing = targets.filter((t) => t.component === component && (args.major === null || t.major === args.major));
  if (existing.length > 0) {
    for (const t of existing) pairOrRefuse(out, t, source, args.required);
    return;
  }
  const s = source.files.find((x) => x.component === component && (args.major === null || x.major === args.major));
  const anchor = targets.find((t) => t.component === (component === 'zlib' ? 'cudnn' : 'cublas'));
  if (s && anchor) {
    out.pairs.push({ target: path.join(path.dirname(anchor.path), s.name), source: s.path, action: 'create', component, oldBytes: null, newBytes: s.bytes });
  } else if (component === 'zlib') {
    out.notes.push('zlibwapi.dll is in neither torch/lib nor the cuDNN folder: cuDNN 8 will look for it on PATH (System32).');
  }
}

function majorMismatch(a: { label: string; component: string; have: string; want: number; targetName: string; dir: string }): Refusal {
  const isCudnn = a.component === 'cudnn';
  return {
    code: isCudnn ? 'cudnn-major-mismatch' : 'cuda-major-mismatch',
    message: `"${a.dir}" has ${a.label} ${a.have} but this torch build uses ${a.label} ${a.want} (${a.targetName}). TorchLift never replaces across major versions (never ${a.label} ${a.have} over ${a.want}): torch was compiled against major ${a.want}.`,
    fix: isCudnn
      ? `Use a cuDNN ${a.want}.x archive, or upgrade torch to a build that ships cuDNN ${a.have} (torchlift plan torch-upgrade).`
      : `Use a CUDA ${a.want}.x toolkit, or upgrade torch to a CUDA ${a.have} build (torchlift plan torch-upgrade).`,
  };
}

function sourceFix(component: string): string {
  return component === 'cudnn'
    ? 'Pass the root of the unpacked cuDNN archive (the folder holding bin\\ or lib/ and include/).'
    : 'Pass the CUDA toolkit root (the folder holding bin\\ on Windows or lib64/ on Linux).';
}
