import { hashFile } from '../../fs/content-hash.js';
import { CUDNN_LIB_DIRS, TOOLKIT_LIB_DIRS, installLibraries, sourceLibraries } from '../dll-swap/inventory.js';
import { locateInstall } from '../dll-swap/locate.js';
import { matchSwap, type SwapPair } from '../dll-swap/match-files.js';
import { cudnnDirVersion, toolkitVersion } from '../dll-swap/versions.js';

/** What shows a DLL swap from `toolkit` is already in torch\lib: how many files, and the CUDA / cuDNN they are. */
export interface SwapEvidence {
  files: number;
  cuda: string;
  cudnn: string;
}

/**
 * Whether the install's torch\lib already holds the toolkit's CUDA runtime/cuBLAS and its overlaid cuDNN (a DLL swap
 * done before, in this session or another). The same pairing the swap makes (its inventory and matchSwap) must find
 * both groups with nothing refused and nothing left to create, and every target must be the same size and content as
 * its source in the toolkit: then the library versions in torch\lib are the toolkit's (version.json) and its cuDNN's
 * (cudnn_version.h). Null when anything differs or cannot be told — the step stays to do. Reads only.
 */
export async function swapAlreadyDone(args: { app: string; env: NodeJS.ProcessEnv; toolkit: string }): Promise<SwapEvidence | null> {
  const located = await locateInstall(args.app, args.env);
  if (!located.ok) return null;
  const [installed, cudaFiles, cudnnFiles, cuda, cudnn] = await Promise.all([
    installLibraries(located.sitePackages),
    sourceLibraries(args.toolkit, TOOLKIT_LIB_DIRS),
    sourceLibraries(args.toolkit, CUDNN_LIB_DIRS),
    toolkitVersion(args.toolkit),
    cudnnDirVersion(args.toolkit),
  ]);
  if (cuda === null || cudnn === null) return null;
  const match = matchSwap({ targets: installed.files, cuda: { dir: args.toolkit, files: cudaFiles }, cudnn: { dir: args.toolkit, files: cudnnFiles }, cudnnBuiltForCuda: null });
  const { pairs } = match;
  if (match.refusals.length > 0 || !pairs.some((p) => p.component === 'cudart') || !pairs.some((p) => p.component === 'cudnn')) return null;
  if (pairs.some((p) => p.action !== 'replace' || p.oldBytes !== p.newBytes)) return null;
  for (const p of pairs) if (!(await sameContent(p))) return null;
  return { files: pairs.length, cuda, cudnn };
}

async function sameContent(pair: SwapPair): Promise<boolean> {
  try {
    const [target, source] = await Promise.all([hashFile(pair.target), hashFile(pair.source)]);
    return target.bytes === source.bytes && target.xxh3 === source.xxh3;
  } catch {
    return false;
  }
}
