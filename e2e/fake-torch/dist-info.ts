import { byteLength, recordHash, type FileEntry } from './files.js';

/** What a pip-installed distribution's metadata says about itself. */
export interface DistInfoSpec {
  name: string;
  version: string;
  summary: string;
  requiresPython?: string;
  requiresDist?: readonly string[];
  topLevel: readonly string[];
}

/**
 * The `<name>-<version>.dist-info` files (METADATA, WHEEL, INSTALLER, top_level.txt, RECORD) for `files`,
 * the package files already destined for site-packages. RECORD lists every file with its hash, like pip.
 */
export function distInfoEntries(spec: DistInfoSpec, files: readonly FileEntry[]): FileEntry[] {
  const dir = `${spec.name}-${spec.version}.dist-info`;
  const metadata = [
    'Metadata-Version: 2.1',
    `Name: ${spec.name}`,
    `Version: ${spec.version}`,
    `Summary: ${spec.summary}`,
    ...(spec.requiresPython ? [`Requires-Python: ${spec.requiresPython}`] : []),
    ...(spec.requiresDist ?? []).map((r) => `Requires-Dist: ${r}`),
    '',
    '',
  ].join('\n');
  const own: FileEntry[] = [
    { rel: `${dir}/METADATA`, content: metadata },
    { rel: `${dir}/WHEEL`, content: 'Wheel-Version: 1.0\nGenerator: bdist_wheel (0.38.4)\nRoot-Is-Purelib: false\nTag: cp310-cp310-win_amd64\n\n' },
    { rel: `${dir}/INSTALLER`, content: 'pip\n' },
    { rel: `${dir}/top_level.txt`, content: `${spec.topLevel.join('\n')}\n` },
  ];
  const lines = [...files, ...own].map((f) => `${f.rel},${recordHash(f.content)},${byteLength(f.content)}`);
  lines.push(`${dir}/RECORD,,`);
  return [...own, { rel: `${dir}/RECORD`, content: `${lines.join('\n')}\n` }];
}
