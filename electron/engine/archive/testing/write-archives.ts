import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { xz } from '@napi-rs/lzma';
import { run } from '../../process/run.js';

/**
 * Archive writers for tests, simulated NVIDIA downloads and the bench. They write exactly what they are told —
 * including hostile names, links, device entries and lying sizes — which real archivers refuse to produce.
 */
export interface ZipEntrySpec {
  name: string;
  data?: Buffer | string;
  /** Unix mode incl. type bits (0o120777 = symlink); written with "made by Unix". */
  mode?: number;
  /** Deflate (default) or store. */
  store?: boolean;
}

export async function writeZip(file: string, entries: readonly ZipEntrySpec[]): Promise<void> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = typeof e.data === 'string' ? Buffer.from(e.data) : (e.data ?? Buffer.alloc(0));
    const packed = e.store ? data : zlib.deflateRawSync(data, { level: 1 });
    const method = e.store ? 0 : 8;
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, packed);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((3 << 8) | 20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    const mode = e.mode ?? (e.name.endsWith('/') ? 0o040755 : 0o100644);
    cd.writeUInt32LE((((mode << 16) | (e.name.endsWith("/") ? 0x10 : 0)) >>> 0), 38);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += local.length + name.length + packed.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  await fs.writeFile(file, Buffer.concat([...parts, cdBuf, eocd]));
}

export interface TarEntrySpec {
  name: string;
  data?: Buffer | string;
  /** '0' file (default), '5' dir, '2' symlink, '1' hard link, '3' char device, '6' FIFO. */
  type?: '0' | '1' | '2' | '3' | '5' | '6';
  linkname?: string;
  /** Permission bits (default 0o644, folders 0o755). */
  mode?: number;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/**
 * A tar (ustar headers; names up to 100 bytes) compressed with xz: the system `xz` where there is one (it really
 * compresses, so a bomb is a bomb), else @napi-rs/lzma (which stores the data nearly uncompressed).
 */
export async function writeTarXz(file: string, entries: readonly TarEntrySpec[]): Promise<void> {
  const tarFile = file.toLowerCase().endsWith('.xz') ? file.slice(0, -3) : `${file}.tar`;
  await fs.writeFile(tarFile, tarBytes(entries));
  const z = await run('xz', ['-z', '-1', '-T1', '-f', tarFile], { name: 'xz', timeoutMs: 120_000 });
  if (z.ok && tarFile !== file) {
    if (`${tarFile}.xz` !== file) await fs.rename(`${tarFile}.xz`, file);
    return;
  }
  await fs.rm(tarFile, { force: true });
  await fs.writeFile(file, await xz.compress(tarBytes(entries)));
}

export function tarBytes(entries: readonly TarEntrySpec[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data) : (e.data ?? Buffer.alloc(0));
    const type = e.type ?? '0';
    const size = type === '0' ? data.length : 0;
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100, 'utf8');
    h.write(octal(e.mode ?? (type === '5' ? 0o755 : 0o644), 8), 100, 'latin1');
    h.write(octal(0, 8), 108, 'latin1');
    h.write(octal(0, 8), 116, 'latin1');
    h.write(octal(size, 12), 124, 'latin1');
    h.write(octal(1_700_000_000, 12), 136, 'latin1');
    h.write('        ', 148, 'latin1');
    h.write(type, 156, 'latin1');
    if (e.linkname) h.write(e.linkname, 157, 100, 'utf8');
    h.write('ustar\u000000', 257, 'latin1');
    let sum = 0;
    for (const b of h) sum += b;
    h.write(octal(sum, 7), 148, 'latin1');
    blocks.push(h);
    if (size > 0) {
      blocks.push(data);
      const pad = (512 - (size % 512)) % 512;
      if (pad > 0) blocks.push(Buffer.alloc(pad));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
