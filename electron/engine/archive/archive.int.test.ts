import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFile } from '../fs/content-hash.js';
import { ArchiveRefusal, extractChecked, extractEntries, inspectArchive } from './archive.js';
import { writeTarXz, writeZip, type TarEntrySpec, type ZipEntrySpec } from './testing/write-archives.js';

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-archive-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** Every path under a folder (files, folders, links), with file sizes: the whole temp tree. */
async function listTree(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const st = await fs.lstat(p);
      out.push(`${path.relative(root, p)} ${e.isDirectory() ? 'dir' : st.size}`);
      if (e.isDirectory()) await walk(p);
    }
  };
  await walk(root);
  return out.sort();
}

/** inspect + extract everything to `dest`, as the goals do. */
async function unpack(file: string, dest: string): Promise<string[]> {
  const checked = await inspectArchive(file);
  return extractChecked(checked, dest, (e) => e.path);
}

describe('archives', () => {
  it('extracts a zip and a tar.xz, mapping entries to output paths', async () => {
    const zip = path.join(tmp, 'good.zip');
    await writeZip(zip, [
      { name: 'cudnn-windows-x86_64-9.1.0.70_cuda12-archive/' },
      { name: 'cudnn-windows-x86_64-9.1.0.70_cuda12-archive/bin/cudnn64_9.dll', data: 'FAKE-LIB cudnn 9.1.0' },
      { name: 'cudnn-windows-x86_64-9.1.0.70_cuda12-archive/include/cudnn_version.h', data: '#define CUDNN_MAJOR 9' },
    ]);
    const dest = path.join(tmp, 'out-zip');
    const written = await extractChecked(await inspectArchive(zip), dest, (e) => (e.path.includes('/bin/') ? `bin/${path.basename(e.path)}` : null));
    expect(written).toEqual(['bin/cudnn64_9.dll']);
    expect(await fs.readFile(path.join(dest, 'bin', 'cudnn64_9.dll'), 'utf8')).toBe('FAKE-LIB cudnn 9.1.0');
    const txz = path.join(tmp, 'good.tar.xz');
    await writeTarXz(txz, [{ name: 'root/', type: '5' }, { name: 'root/lib/libcudnn.so.9', data: Buffer.alloc(5000, 1) }]);
    const dest2 = path.join(tmp, 'out-txz');
    expect(await unpack(txz, dest2)).toEqual(['root/lib/libcudnn.so.9']);
    expect((await fs.stat(path.join(dest2, 'root/lib/libcudnn.so.9'))).size).toBe(5000);
    await fs.rm(dest, { recursive: true });
    await fs.rm(dest2, { recursive: true });
  });

  const zeros = Buffer.alloc(24 * 1024 * 1024);
  const hostileZips: [string, ZipEntrySpec[], string | null, string][] = [
    ['zip-slip', [{ name: 'ok.txt', data: 'x' }, { name: '../evil.dll', data: 'evil' }], '../evil.dll', 'parent-path'],
    ['zip-slip nested', [{ name: 'a/b/../../../evil.dll', data: 'evil' }], 'a/b/../../../evil.dll', 'parent-path'],
    ['zip-slip backslash', [{ name: '..\\..\\evil.dll', data: 'evil' }], '..\\..\\evil.dll', 'parent-path'],
    ['absolute', [{ name: '/tmp/evil.dll', data: 'evil' }], '/tmp/evil.dll', 'absolute-path'],
    ['drive letter', [{ name: 'C:\\Windows\\System32\\evil.dll', data: 'evil' }], 'C:\\Windows\\System32\\evil.dll', 'absolute-path'],
    ['drive-relative', [{ name: 'C:evil.dll', data: 'evil' }], 'C:evil.dll', 'absolute-path'],
    ['symlink', [{ name: 'ok.txt', data: 'x' }, { name: 'bin/link.dll', data: '/etc/passwd', mode: 0o120777 }], 'bin/link.dll', 'link'],
    ['device', [{ name: 'dev/null', mode: 0o020666 }], 'dev/null', 'special-file'],
    ['zip bomb', [{ name: 'bomb.bin', data: zeros }], 'bomb.bin', 'ratio'],
  ];
  it.each(hostileZips)('refuses a hostile zip (%s) naming the entry, with nothing written anywhere', async (label, entries, entry, problem) => {
    const file = path.join(tmp, `${label.replace(/\W/g, '_')}.zip`);
    await writeZip(file, entries);
    const before = await listTree(tmp);
    const error = await unpack(file, path.join(tmp, 'dest')).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveRefusal);
    expect((error as ArchiveRefusal).problem).toBe(problem);
    expect((error as ArchiveRefusal).entry).toBe(entry);
    if (entry !== null) expect((error as Error).message).toContain(entry);
    expect(await listTree(tmp)).toEqual(before);
    await fs.rm(file);
  });

  const hostileTars: [string, TarEntrySpec[], string, string][] = [
    ['tar slip', [{ name: 'cudnn/../../evil.so', data: 'x' }], 'cudnn/../../evil.so', 'parent-path'],
    ['tar absolute', [{ name: '/usr/lib/evil.so', data: 'x' }], '/usr/lib/evil.so', 'absolute-path'],
    ['tar symlink', [{ name: 'lib/libcudnn.so', type: '2', linkname: '/etc/shadow' }], 'lib/libcudnn.so', 'link'],
    ['tar hard link', [{ name: 'lib/x', data: 'a' }, { name: 'lib/hard', type: '1', linkname: '/etc/passwd' }], 'lib/hard', 'link'],
    ['tar char device', [{ name: 'dev/tty', type: '3' }], 'dev/tty', 'special-file'],
    ['tar fifo', [{ name: 'fifo', type: '6' }], 'fifo', 'special-file'],
  ];
  it.each(hostileTars)('refuses a hostile tar.xz (%s) naming the entry, with nothing written anywhere', async (label, entries, entry, problem) => {
    const file = path.join(tmp, `${label.replace(/\W/g, '_')}.tar.xz`);
    await writeTarXz(file, [{ name: 'ok.txt', data: 'fine' }, ...entries]);
    const before = await listTree(tmp);
    const error = await unpack(file, path.join(tmp, 'dest')).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveRefusal);
    expect((error as ArchiveRefusal).problem).toBe(problem);
    expect((error as ArchiveRefusal).entry).toBe(entry);
    expect(await listTree(tmp)).toEqual(before);
    await fs.rm(file);
  });

  it('refuses an xz bomb from its declared size before decompressing, and truncated archives', async () => {
    const bomb = path.join(tmp, 'bomb.tar.xz');
    await writeTarXz(bomb, [{ name: 'zeros.bin', data: zeros }]);
    const truncatedZip = path.join(tmp, 'cut.zip');
    await writeZip(truncatedZip, [{ name: 'a.dll', data: Buffer.alloc(100_000, 7) }, { name: 'b.dll', data: Buffer.alloc(100_000, 8) }]);
    const whole = await fs.readFile(truncatedZip);
    await fs.writeFile(truncatedZip, whole.subarray(0, Math.floor(whole.length / 2)));
    const truncatedTxz = path.join(tmp, 'cut.tar.xz');
    await writeTarXz(truncatedTxz, [{ name: 'a.so', data: Buffer.alloc(300_000, 3) }]);
    const t = await fs.readFile(truncatedTxz);
    await fs.writeFile(truncatedTxz, t.subarray(0, t.length - 20));
    const notArchive = path.join(tmp, 'x.rar');
    await fs.writeFile(notArchive, 'Rar!');
    const before = await listTree(tmp);
    for (const [file, problem] of [[bomb, 'ratio'], [truncatedZip, 'unreadable'], [truncatedTxz, 'unreadable'], [notArchive, 'unreadable']] as const) {
      const error = await unpack(file, path.join(tmp, 'dest')).then(() => null, (e: unknown) => e);
      expect(error, file).toBeInstanceOf(ArchiveRefusal);
      expect((error as ArchiveRefusal).problem, file).toBe(problem);
    }
    expect(await listTree(tmp)).toEqual(before);
  });

  it('writes entries to exact paths with their xxh3-128 digests, and refuses a zip entry whose CRC-32 does not match (issue 8)', async () => {
    const zip = path.join(tmp, 'exact.zip');
    const big = Buffer.alloc(300_000);
    for (let i = 0; i < big.length; i += 1) big[i] = (i * 2654435761) >>> 24;
    await writeZip(zip, [{ name: 'r/bin/a.dll', data: big }, { name: 'r/include/b.h', data: 'STORED-HEADER-BYTES', store: true }]);
    const txz = path.join(tmp, 'exact.tar.xz');
    await writeTarXz(txz, [{ name: 'r/lib/c.so', data: big }]);
    const out = path.join(tmp, 'exact-out');
    await fs.mkdir(out);
    const outputs = new Map([['r/bin/a.dll', path.join(out, 'a.dll.torchlift-new-x')], ['r/include/b.h', path.join(out, 'b.h.torchlift-new-x')]]);
    const digests = await extractEntries(await inspectArchive(zip), outputs, { durable: true });
    const tarDigests = await extractEntries(await inspectArchive(txz), new Map([['r/lib/c.so', path.join(out, 'c.so.new')]]));
    for (const [name, file] of [...outputs, ['r/lib/c.so', path.join(out, 'c.so.new')] as const]) {
      expect(digests.get(name) ?? tarDigests.get(name), name).toEqual(await hashFile(file));
    }
    expect(digests.get('r/bin/a.dll')?.bytes).toBe(big.length);
    // One byte of the stored entry changed in the archive: the sizes still agree, only the CRC-32 tells.
    const bytes = await fs.readFile(zip);
    const at = bytes.indexOf('STORED-HEADER-BYTES');
    bytes[at + 3] = 'X'.charCodeAt(0);
    const damaged = path.join(tmp, 'damaged.zip');
    await fs.writeFile(damaged, bytes);
    const dest = path.join(tmp, 'damaged-out');
    const error = await extractChecked(await inspectArchive(damaged), dest, (e) => e.path).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveRefusal);
    expect((error as ArchiveRefusal).entry).toBe('r/include/b.h');
    expect((error as Error).message).toMatch(/CRC-32/);
    await fs.rm(out, { recursive: true });
    await fs.rm(dest, { recursive: true, force: true });
    await fs.rm(damaged);
  });

  it('refuses a map that would place two entries on one path or escape the folder', async () => {
    const zip = path.join(tmp, 'dupes.zip');
    await writeZip(zip, [{ name: 'a/x.dll', data: '1' }, { name: 'b/X.dll', data: '2' }]);
    const checked = await inspectArchive(zip);
    await expect(extractChecked(checked, path.join(tmp, 'd1'), (e) => path.basename(e.path))).rejects.toThrow(/twice/);
    await expect(extractChecked(checked, path.join(tmp, 'd2'), () => '../out.dll')).rejects.toThrow(/\.\./);
    await expect(fs.stat(path.join(tmp, 'd1'))).rejects.toThrow();
  });
});
