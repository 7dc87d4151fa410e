import path from 'node:path';
import type { Cudnn } from '../../../shared/schemas/detect.js';
import { parseCudnnHeader } from '../parsers/cudnn-header.js';
import { listNames, readTextOrNull } from './fs-safe.js';
import { classifyLibraryName } from './library-name.js';

const HEADERS = [
  path.join('include', 'cudnn_version.h'), path.join('include', 'x64', 'cudnn_version.h'), path.join('include', 'cudnn.h'),
];
const LIB_DIRS = ['bin', path.join('bin', 'x64'), 'lib64', 'lib', path.join('lib', 'x64'), path.join('targets', 'x86_64-linux', 'lib')];

/** cuDNN copied into a toolkit: the header's version (else the major from a library name) and where its libraries are. */
export async function detectToolkitCudnn(root: string): Promise<Cudnn | null> {
  const [headers, libDirs] = await Promise.all([
    Promise.all(HEADERS.map(async (h) => ({ file: path.join(root, h), text: await readTextOrNull(path.join(root, h)) }))),
    Promise.all(LIB_DIRS.map(async (d) => ({ dir: path.join(root, d), names: await listNames(path.join(root, d)) }))),
  ]);
  let header: { version: string; file: string } | null = null;
  for (const h of headers) {
    const parsed = h.text ? parseCudnnHeader(h.text) : null;
    if (parsed) {
      header = { version: parsed.version, file: h.file };
      break;
    }
  }
  let libDir: string | null = null;
  let libMajor: number | null = null;
  for (const d of libDirs) {
    const lib = d.names.map((n) => classifyLibraryName(n)).find((c) => c?.component === 'cudnn');
    if (lib) {
      libDir = d.dir;
      libMajor = lib.major;
      break;
    }
  }
  if (header) return { version: header.version, path: libDir ?? path.dirname(header.file) };
  if (libDir && libMajor !== null) return { version: String(libMajor), path: libDir };
  return null;
}
