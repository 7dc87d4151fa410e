import path from 'node:path';
import { readTextOrNull } from '../../detect/fs-safe.js';
import { versionFromFolderName, versionFromVersionJson } from '../../detect/toolkit-version.js';
import { parseCudnnHeader } from '../../parsers/cudnn-header.js';
import { cudnnArchiveVersion } from './cudnn-archive.js';

/** The cuDNN version of an unpacked archive: include/cudnn_version.h (include/x64/ in newer zips), else the folder name. */
export async function cudnnDirVersion(dir: string): Promise<string | null> {
  for (const rel of [['include', 'cudnn_version.h'], ['include', 'x64', 'cudnn_version.h'], ['include', 'cudnn.h']]) {
    const text = await readTextOrNull(path.join(dir, ...rel));
    const parsed = text ? parseCudnnHeader(text) : null;
    if (parsed) return parsed.version;
  }
  return cudnnArchiveVersion(path.basename(path.resolve(dir)));
}

/** The CUDA version of a toolkit root: version.json, else its folder name (v12.1, cuda-12.1). */
export async function toolkitVersion(dir: string): Promise<string | null> {
  const json = await readTextOrNull(path.join(dir, 'version.json'));
  const fromJson = json ? versionFromVersionJson(json) : null;
  return fromJson?.version ?? versionFromFolderName(path.basename(path.resolve(dir)))?.version ?? null;
}
