import path from 'node:path';
import type { Toolkit } from '../../../shared/schemas/detect.js';
import { parseNvccVersion } from '../parsers/nvcc.js';
import { run } from '../process/run.js';
import type { DetectContext } from './detect-context.js';
import { isFile, listNames, readTextOrNull, realPathOrSelf } from './fs-safe.js';
import {
  defaultToolkitCandidates, envToolkitCandidates, isToolkitRoot, pathToolkitCandidates,
} from './toolkit-candidates.js';
import { detectToolkitCudnn } from './toolkit-cudnn.js';
import {
  versionFromDistInfoNames, versionFromFolderName, versionFromVersionJson, versionFromVersionTxt, type ToolkitVersion,
} from './toolkit-version.js';

const NVCC_TIMEOUT_MS = 15_000;

/**
 * Finds CUDA toolkits (CUDA_PATH*, default folders, nvcc on PATH), deduplicated by real path, each with its
 * version (version.json / version.txt / dist-info names; `nvcc --version` only when no file answers) and cuDNN.
 */
export async function detectToolkits(ctx: DetectContext): Promise<Toolkit[]> {
  const groups = await Promise.all([
    Promise.resolve(envToolkitCandidates(ctx)), defaultToolkitCandidates(ctx), pathToolkitCandidates(ctx),
  ]);
  const candidates = groups.flat();
  const checked = await Promise.all(candidates.map(async (c) => ({
    ...c, real: await realPathOrSelf(c.root), valid: await isToolkitRoot(c.root),
  })));
  const byReal = new Map<string, { root: string; foundBy: string[] }>();
  for (const c of checked) {
    if (!c.valid) continue;
    const entry = byReal.get(c.real);
    if (entry) {
      if (!entry.foundBy.includes(c.foundBy)) entry.foundBy.push(c.foundBy);
    } else {
      byReal.set(c.real, { root: c.root, foundBy: [c.foundBy] });
    }
  }
  const toolkits = await Promise.all([...byReal.values()].map((g) => readToolkit(g, ctx)));
  return toolkits.filter((t): t is Toolkit => t !== null);
}

async function readToolkit(group: { root: string; foundBy: string[] }, ctx: DetectContext): Promise<Toolkit | null> {
  const { root } = group;
  const [nvccPath, cudnn, fileVersion] = await Promise.all([nvccIn(root), detectToolkitCudnn(root), versionFromFiles(root)]);
  const version = fileVersion ?? (nvccPath ? await versionFromNvcc(nvccPath, ctx) : null)
    ?? versionFromFolderName(path.basename(root)) ?? versionFromFolderName(path.basename(await realPathOrSelf(root)));
  if (!version) return null;
  return {
    version: version.version,
    path: root,
    nvcc: nvccPath !== null,
    cudnn,
    fullVersion: version.fullVersion,
    foundBy: group.foundBy,
  };
}

async function nvccIn(root: string): Promise<string | null> {
  for (const name of ['nvcc.exe', 'nvcc']) {
    const p = path.join(root, 'bin', name);
    if (await isFile(p)) return p;
  }
  return null;
}

/** version.json, then version.txt, then dist-info folder names: no process started. */
export async function versionFromFiles(root: string): Promise<ToolkitVersion | null> {
  const [json, txt, dist] = await Promise.all([
    readTextOrNull(path.join(root, 'version.json')), readTextOrNull(path.join(root, 'version.txt')),
    listNames(path.join(root, 'dist-info')),
  ]);
  return (json ? versionFromVersionJson(json) : null) ?? (txt ? versionFromVersionTxt(txt) : null) ?? versionFromDistInfoNames(dist);
}

async function versionFromNvcc(nvcc: string, ctx: DetectContext): Promise<ToolkitVersion | null> {
  const r = await run(nvcc, ['--version'], { name: 'nvcc', env: ctx.env, timeoutMs: NVCC_TIMEOUT_MS });
  if (!r.ok) return null;
  const parsed = parseNvccVersion(r.stdout);
  return parsed ? { version: parsed.version, fullVersion: parsed.full, source: 'nvcc' } : null;
}

