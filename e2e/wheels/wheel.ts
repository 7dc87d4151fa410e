import { createHash } from 'node:crypto';
import yazl from 'yazl';
import { byteLength, recordHash, type FileEntry } from '../fake-torch/files.js';

/** What goes into a wheel's `*.dist-info/METADATA` and `WHEEL`. */
export interface WheelMeta {
  /** Distribution name as the project spells it ("torch", "xformers", "fakedep"). */
  name: string;
  /** Full version, local tag included ("2.1.2+cu121"). */
  version: string;
  summary: string;
  requiresPython?: string;
  requiresDist?: readonly string[];
  topLevel: readonly string[];
  /** Wheel tag "python-abi-platform", e.g. "cp311-cp311-linux_x86_64" or "py3-none-any". */
  tag: string;
}

/** One built wheel in memory. */
export interface BuiltWheel {
  /** `<name>-<version>-<tag>.whl` (the `+` of a local version kept, as download.pytorch.org names them). */
  filename: string;
  bytes: Buffer;
  /** Hex sha256 of the whole file (what an index's `#sha256=` fragment carries). */
  sha256: string;
  /** The wheel's METADATA file (served as `<file>.metadata`, PEP 658). */
  metadata: string;
}

/** A fixed local-time date: yazl writes DOS timestamps from local fields, so the bytes do not depend on TZ. */
const FIXED_MTIME = new Date(2024, 0, 1, 0, 0, 0);

/** The wheel file name pip expects: `-` in the name becomes `_` (PEP 427 escaping). */
export function wheelFilename(meta: Pick<WheelMeta, 'name' | 'version' | 'tag'>): string {
  return `${meta.name.replace(/[-.]+/g, '_')}-${meta.version}-${meta.tag}.whl`;
}

/** The `*.dist-info` files of a wheel (METADATA, WHEEL, top_level.txt, RECORD); RECORD covers `files` and itself. */
export function wheelDistInfo(meta: WheelMeta, files: readonly FileEntry[]): FileEntry[] {
  const dir = `${meta.name.replace(/[-.]+/g, '_')}-${meta.version}.dist-info`;
  const metadata = [
    'Metadata-Version: 2.1',
    `Name: ${meta.name}`,
    `Version: ${meta.version}`,
    `Summary: ${meta.summary}`,
    ...(meta.requiresPython ? [`Requires-Python: ${meta.requiresPython}`] : []),
    ...(meta.requiresDist ?? []).map((r) => `Requires-Dist: ${r}`),
    '',
    '',
  ].join('\n');
  const purelib = meta.tag.endsWith('-none-any');
  const own: FileEntry[] = [
    { rel: `${dir}/METADATA`, content: metadata },
    { rel: `${dir}/WHEEL`, content: `Wheel-Version: 1.0\nGenerator: torchlift-test-wheels (1.0)\nRoot-Is-Purelib: ${purelib}\nTag: ${meta.tag}\n\n` },
    { rel: `${dir}/top_level.txt`, content: `${meta.topLevel.join('\n')}\n` },
  ];
  const lines = [...files, ...own].map((f) => `${f.rel},${recordHash(f.content)},${byteLength(f.content)}`);
  lines.push(`${dir}/RECORD,,`);
  return [...own, { rel: `${dir}/RECORD`, content: `${lines.join('\n')}\n` }];
}

/**
 * Zips `files` (paths relative to site-packages, no dist-info) plus generated dist-info into a wheel. Deterministic:
 * sorted entries, fixed timestamps and modes, stored (not deflated), so the sha256 is the same on every build.
 */
export async function buildWheel(meta: WheelMeta, files: readonly FileEntry[]): Promise<BuiltWheel> {
  const sorted = [...files].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const all = [...sorted, ...wheelDistInfo(meta, sorted)];
  const zip = new yazl.ZipFile();
  for (const f of all) {
    const buf = typeof f.content === 'string' ? Buffer.from(f.content) : f.content;
    zip.addBuffer(buf, f.rel, { mtime: FIXED_MTIME, mode: 0o100000 | (f.mode ?? 0o644), compress: false, forceDosTimestamp: true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const metadata = all.find((f) => f.rel.endsWith('.dist-info/METADATA'))?.content ?? '';
  return { filename: wheelFilename(meta), bytes, sha256: createHash('sha256').update(bytes).digest('hex'),
    metadata: typeof metadata === 'string' ? metadata : metadata.toString('utf8') };
}
