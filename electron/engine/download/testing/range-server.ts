import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';

/**
 * A tiny HTTP server on 127.0.0.1 for tests and the bench: serves files from a folder and/or from memory, with
 * Range/If-Range support (can be switched off), ETag + Last-Modified, HEAD, redirects, a "drop the connection after
 * N bytes" knob, and counters of requests and bytes sent.
 */
export interface RangeServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  url(p: string): string;
  /** Adds or replaces an in-memory file at a URL path (`/a/b.zip`). */
  put(urlPath: string, body: Buffer): void;
  /** Serves `/from` as a redirect to `to` (a path or a full URL). */
  redirect(from: string, to: string): void;
  /** The next responses (`times`, default 1; only for URL paths ending in `onlyPath` when given) are cut after `bytes` body bytes. */
  dropAfter(bytes: number, times?: number, onlyPath?: string): void;
  /** Whether Range requests are honoured (default true). */
  setRangeSupport(on: boolean): void;
  /** Requests seen (all methods), and body bytes sent, since start or the last `resetCounters`. */
  counters(): { requests: number; bytesSent: number; paths: string[]; ranges: (string | null)[] };
  resetCounters(): void;
  close(): Promise<void>;
}

export async function startRangeServer(options: { root?: string; files?: Record<string, Buffer> } = {}): Promise<RangeServer> {
  const memory = new Map<string, Buffer>(Object.entries(options.files ?? {}));
  const redirects = new Map<string, string>();
  let drops: { bytes: number; times: number; onlyPath: string | null } | null = null;
  let rangeSupport = true;
  let counters = { requests: 0, bytesSent: 0, paths: [] as string[], ranges: [] as (string | null)[] };
  const mtime = new Date('2026-01-02T03:04:05Z');

  const server = http.createServer((req, res) => {
    counters.requests += 1;
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    counters.paths.push(urlPath);
    counters.ranges.push(typeof req.headers.range === 'string' ? req.headers.range : null);
    const to = redirects.get(urlPath);
    if (to !== undefined) {
      res.writeHead(302, { location: to });
      res.end();
      return;
    }
    const found = lookup(urlPath);
    if (found === null) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const etag = `"${found.etag}"`;
    let start = 0;
    let end = found.size - 1;
    let status = 200;
    const headers: http.OutgoingHttpHeaders = { etag, 'last-modified': mtime.toUTCString(), 'content-type': 'application/octet-stream' };
    if (rangeSupport) headers['accept-ranges'] = 'bytes';
    const range = typeof req.headers.range === 'string' ? /^bytes=(\d+)-(\d*)$/.exec(req.headers.range) : null;
    const ifRange = req.headers['if-range'];
    const ifRangeOk = ifRange === undefined || ifRange === etag || ifRange === mtime.toUTCString();
    if (rangeSupport && range && ifRangeOk) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), found.size - 1) : found.size - 1;
      if (start >= found.size) {
        res.writeHead(416, { 'content-range': `bytes */${found.size}` });
        res.end();
        return;
      }
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${found.size}`;
    }
    headers['content-length'] = end - start + 1;
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const cut = drops !== null && drops.times > 0 && (drops.onlyPath === null || urlPath.endsWith(drops.onlyPath)) ? drops.bytes : null;
    if (cut !== null && drops) {
      drops.times -= 1;
      if (drops.times <= 0) drops = null;
    }
    const stream = found.stream(start, end);
    let sent = 0;
    stream.on('data', (chunk: Buffer) => {
      let piece = chunk;
      if (cut !== null && sent + piece.length > cut) piece = piece.subarray(0, Math.max(0, cut - sent));
      sent += piece.length;
      counters.bytesSent += piece.length;
      if (piece.length > 0 && !res.write(piece)) {
        stream.pause();
        res.once('drain', () => stream.resume());
      }
      if (cut !== null && sent >= cut) {
        stream.destroy();
        // Let the bytes already written reach the client (and be read), then cut the connection mid-body.
        const socket = res.socket;
        setTimeout(() => socket?.destroy(), 50);
      }
    });
    stream.on('end', () => res.end());
  });

  function lookup(urlPath: string): { size: number; etag: string; stream: (s: number, e: number) => Readable } | null {
    const mem = memory.get(urlPath);
    if (mem !== undefined) {
      return {
        size: mem.length,
        etag: createHash('md5').update(mem).digest('hex'),
        stream: (s, e) => Readable.from(chunks(mem.subarray(s, e + 1))),
      };
    }
    if (options.root === undefined) return null;
    const file = path.join(options.root, ...urlPath.split('/').filter((p) => p !== '' && p !== '..'));
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    return { size: st.size, etag: `${st.size}-${Math.round(st.mtimeMs)}`, stream: (s, e) => (st.size === 0 ? Readable.from([]) : fs.createReadStream(file, { start: s, end: e, highWaterMark: 1024 * 1024 })) };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    url: (p) => `${base}${p.startsWith('/') ? '' : '/'}${p.split('/').map(encodeURIComponent).join('/')}`,
    put: (p, body) => void memory.set(p, body),
    redirect: (from, to) => void redirects.set(from, to),
    dropAfter: (bytes, times = 1, onlyPath) => {
      drops = { bytes, times, onlyPath: onlyPath ?? null };
    },
    setRangeSupport: (on) => {
      rangeSupport = on;
    },
    counters: () => ({ ...counters, paths: [...counters.paths], ranges: [...counters.ranges] }),
    resetCounters: () => {
      counters = { requests: 0, bytesSent: 0, paths: [], ranges: [] };
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function* chunks(buf: Buffer): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += 64 * 1024) yield buf.subarray(i, Math.min(buf.length, i + 64 * 1024));
}
