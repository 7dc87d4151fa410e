import fs from 'node:fs/promises';
import path from 'node:path';
import { normalisePackageName, parseDistInfoName } from '../../detect/package-files.js';

/** One installed distribution: its dist-info folder and what its RECORD says it owns. */
export interface InstalledDist {
  name: string;
  version: string;
  distInfo: string;
}

/** Every distribution in site-packages by normalised name (dist-info folders only; no Python started). */
export async function installedDists(sitePackages: string): Promise<Map<string, InstalledDist>> {
  const out = new Map<string, InstalledDist>();
  let names: string[] = [];
  try {
    names = await fs.readdir(sitePackages);
  } catch {
    return out;
  }
  for (const n of names) {
    const parsed = parseDistInfoName(n);
    if (parsed === null || n.startsWith('~')) continue;
    out.set(parsed.name, { name: parsed.name, version: parsed.version, distInfo: n });
  }
  return out;
}

/** What one distribution's files cover: top-level entries of site-packages, and files in the scripts folder. */
export interface DistUnits {
  site: string[];
  scripts: string[];
  /** Paths outside site-packages and the scripts folder (data, headers): TorchLift cannot snapshot those. */
  elsewhere: string[];
}

/**
 * The units a distribution owns, from its RECORD (`path,hash,size` lines; paths relative to site-packages, `..`
 * for scripts): the first component of every path inside site-packages, its dist-info folder, and the names of
 * its console scripts. `scriptsDir` is the venv's Scripts (Windows) or bin folder.
 */
export async function unitsOf(sitePackages: string, scriptsDir: string, dist: InstalledDist): Promise<DistUnits> {
  const units: DistUnits = { site: [dist.distInfo], scripts: [], elsewhere: [] };
  let record = '';
  try {
    record = await fs.readFile(path.join(sitePackages, dist.distInfo, 'RECORD'), 'utf8');
  } catch {
    return units;
  }
  const fromRecord = recordUnits(record, sitePackages, scriptsDir);
  return { ...fromRecord, site: [...new Set([dist.distInfo, ...fromRecord.site])].sort() };
}

/** Pure: RECORD text → units (see unitsOf). */
export function recordUnits(record: string, sitePackages: string, scriptsDir: string): DistUnits {
  const site = new Set<string>();
  const scripts = new Set<string>();
  const elsewhere = new Set<string>();
  for (const line of record.split(/\r?\n/)) {
    const rel = csvFirst(line).trim();
    if (rel === '') continue;
    const abs = path.resolve(sitePackages, rel);
    const inSite = path.relative(sitePackages, abs);
    if (!inSite.startsWith('..') && !path.isAbsolute(inSite)) {
      const first = inSite.split(/[\\/]/)[0];
      if (first && first !== '..') site.add(first);
      continue;
    }
    const inScripts = path.relative(scriptsDir, abs);
    if (!inScripts.startsWith('..') && !path.isAbsolute(inScripts) && !/[\\/]/.test(inScripts)) scripts.add(inScripts);
    else elsewhere.add(rel);
  }
  // Python caches pip removes with the package.
  site.delete('__pycache__');
  return { site: [...site].sort(), scripts: [...scripts].sort(), elsewhere: [...elsewhere].sort() };
}

/** RECORD is CSV: a path holding a comma is quoted. */
function csvFirst(line: string): string {
  if (!line.startsWith('"')) return line.split(',')[0] ?? '';
  const m = /^"((?:[^"]|"")*)"/.exec(line);
  return m?.[1]?.replace(/""/g, '"') ?? '';
}

/** The venv's scripts folder: beside the interpreter for venvs (Scripts\python.exe, bin/python), else <env>/Scripts. */
export function scriptsDirFor(python: string, envRoot: string): string {
  const dir = path.dirname(python);
  const base = path.basename(dir).toLowerCase();
  if (base === 'scripts' || base === 'bin') return dir;
  return path.join(envRoot, process.platform === 'win32' || /\.exe$/i.test(python) ? 'Scripts' : 'bin');
}

/** Normalised name (`Torch_Vision` → `torch-vision`). */
export const normalName = normalisePackageName;

/** The torch family: what a torch upgrade is expected to change (anything else is listed for the user to accept). */
export function isFamily(name: string): boolean {
  const n = normalisePackageName(name);
  return ['torch', 'torchvision', 'torchaudio', 'xformers', 'triton', 'pytorch-triton'].includes(n) || n.startsWith('nvidia-');
}
