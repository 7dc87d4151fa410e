import fsp from 'node:fs/promises';
import { localPath } from './download.js';
import { headerNumber, parseContentRange, request } from './http-get.js';

/**
 * The size of a download, asked of the server (indexes and manifests do not always give one): HEAD, and where
 * HEAD is refused or gives no length, a one-byte range GET. A local path gives its file size. Null when unknown.
 */
export async function headSize(url: string, options: { idleTimeoutMs?: number; signal?: AbortSignal } = {}): Promise<number | null> {
  try {
    const local = localPath(url);
    if (local !== null) return (await fsp.stat(local)).size;
  } catch {
    return null;
  }
  const base = { idleTimeoutMs: options.idleTimeoutMs ?? 15_000, maxRedirects: 10, signal: options.signal };
  try {
    const head = await request(url, { ...base, method: 'HEAD' });
    head.body.resume();
    const length = headerNumber(head.headers['content-length']);
    if (head.status === 200 && length !== null) return length;
    const probe = await request(url, { ...base, headers: { range: 'bytes=0-0' } });
    probe.body.destroy();
    if (probe.status === 206) return parseContentRange(probe.headers['content-range'] as string | undefined)?.total ?? null;
    if (probe.status === 200) return headerNumber(probe.headers['content-length']);
    return null;
  } catch {
    return null;
  }
}
