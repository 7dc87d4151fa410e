import type { Msg } from '../../../shared/i18n/message.js';
import { detectMsg } from '../i18n/msg-text.js';
import path from 'node:path';
import type { TorchInfo, XformersInfo } from '../../../shared/schemas/detect.js';
import { listNames, readTextOrNull } from './fs-safe.js';
import {
  parseDistInfoName, parseDunderVersion, parseMetadataVersion, parseTorchVersionPy, parseXformersBuildInfo,
} from './package-files.js';

/** torch / torchvision / xformers as the files in site-packages describe them (no import). */
export interface PackageFacts {
  torch: TorchInfo | null;
  torchvision: { version: string } | null;
  xformers: XformersInfo | null;
  /** Oddities worth telling the user (two torch dist-infos, metadata that disagrees with torch/version.py). */
  /** What is wrong with the packages, as messages of the detect catalog. */
  problems: Msg[];
}

/** Reads torch/version.py, dist-info folders, xformers/cpp_lib.json and the pip cuDNN package of one site-packages. */
export async function readPackageFacts(sitePackages: string): Promise<PackageFacts> {
  const names = await listNames(sitePackages);
  const dists = names.map((n) => ({ folder: n, parsed: parseDistInfoName(n) })).filter((d) => d.parsed !== null);
  const distsOf = (pkg: string) => dists.filter((d) => d.parsed?.name === pkg);
  const problems: Msg[] = [];

  const [torch, torchvision, xformers] = await Promise.all([
    readTorch(sitePackages, names, distsOf('torch').map((d) => d.folder), problems),
    readSimple(sitePackages, 'torchvision', names, distsOf('torchvision').map((d) => d.folder)),
    readXformers(sitePackages, names, distsOf('xformers').map((d) => d.folder)),
  ]);
  if (torch) {
    const cudnnDist = dists.find((d) => /^nvidia-cudnn-cu\d+$/.test(d.parsed?.name ?? ''));
    const v = cudnnDist?.parsed?.version.split('.').slice(0, 3).join('.');
    if (v) torch.cudnnVersion = v;
  }
  return { torch, torchvision, xformers, problems };
}

async function readTorch(site: string, names: string[], distFolders: string[], problems: Msg[]): Promise<TorchInfo | null> {
  if (distFolders.length > 1) problems.push(detectMsg('install.severalTorchDists', { site, folders: distFolders.join(', ') }));
  const fromPy = names.includes('torch') ? await readTextOrNull(path.join(site, 'torch', 'version.py')) : null;
  const parsed = fromPy ? parseTorchVersionPy(fromPy) : null;
  const distVersion = await distVersionOf(site, distFolders);
  const version = parsed?.version ?? distVersion;
  if (!version) return null;
  if (parsed && distVersion && parsed.version !== distVersion) {
    problems.push(detectMsg('install.torchVersionMismatch', { file: parsed.version, dist: distVersion }));
  }
  const cudaVersion = parsed ? parsed.cuda : cudaFromLocal(version);
  return { version, cudaVersion, cudnnVersion: null, cudaAvailable: null, archList: [], source: 'files' };
}

async function readSimple(site: string, pkg: string, names: string[], distFolders: string[]): Promise<{ version: string } | null> {
  const fromPy = names.includes(pkg) ? await readTextOrNull(path.join(site, pkg, 'version.py')) : null;
  const version = (fromPy ? parseDunderVersion(fromPy) : null) ?? (await distVersionOf(site, distFolders));
  return version ? { version } : null;
}

async function readXformers(site: string, names: string[], distFolders: string[]): Promise<XformersInfo | null> {
  const base = await readSimple(site, 'xformers', names, distFolders);
  if (!base) return null;
  const json = names.includes('xformers') ? await readTextOrNull(path.join(site, 'xformers', 'cpp_lib.json')) : null;
  const build = json ? parseXformersBuildInfo(json) : null;
  return { version: base.version, builtForTorch: build?.torch ?? null, builtForCuda: build?.cuda ?? null, builtForPython: build?.python ?? null };
}

async function distVersionOf(site: string, distFolders: string[]): Promise<string | null> {
  const folder = distFolders[0];
  if (!folder) return null;
  const meta = await readTextOrNull(path.join(site, folder, 'METADATA'), 64 * 1024);
  return (meta ? parseMetadataVersion(meta) : null) ?? parseDistInfoName(folder)?.version ?? null;
}

/** "2.1.2+cu121" → "12.1"; "+cpu" or no local tag → null. */
function cudaFromLocal(version: string): string | null {
  const m = /\+cu(\d+)(\d)$/.exec(version);
  return m ? `${m[1]}.${m[2]}` : null;
}
