import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { download, DownloadError } from '../../download/index.js';

/*
 * The wheel gate: a tiny HTTP server on 127.0.0.1 that pip's resolution (`--dry-run --report`) talks to instead of
 * the index. Index pages and metadata are fetched and passed through with their links pointing back at the gate;
 * every wheel pip asks for is fetched by TorchLift's own downloader (resumable, checked against the page's
 * `#sha256=`, kept in the cache). So even a pip that downloads whole wheels to read their metadata (pip < 25.3)
 * fills TorchLift's verified cache instead of fetching 2.5 GB that apply would fetch again, and a dropped
 * connection resumes instead of restarting.
 */

/** A running gate. */
export interface WheelGate {
  /** The gate's URL standing for an upstream index, page or file URL. */
  url(upstream: string): string;
  /** The upstream URL behind a gate URL (or the URL unchanged when it is not the gate's). */
  upstream(url: string): string;
  /** Wheels whose download failed (a checksum that does not match, a network error after the retries). */
  failures: { url: string; error: unknown }[];
  close(): Promise<void>;
}

const MAX_PAGE = 32 * 1024 * 1024;

/** Starts a gate that downloads into `cacheDir`. */
export async function startWheelGate(opts: { cacheDir: string; timeoutMs?: number }): Promise<WheelGate> {
  const hashes = new Map<string, string>();
  const failures: { url: string; error: unknown }[] = [];
  let base = '';
  // The last path segment stays readable: pip takes a wheel's name, version and tags from it.
  const encode = (u: string): string => {
    const cut = u.lastIndexOf('/');
    const dir = u.slice(0, cut);
    return `${base}/u/${Buffer.from(dir, 'utf8').toString('base64url')}/${u.slice(cut + 1)}`;
  };
  // `/u/<base64url of the upstream URL><rest>`: pip appends `<project>/` to an index URL, which is kept.
  const decode = (p: string): string | null => {
    const m = /^\/u\/([A-Za-z0-9_-]+)(.*)$/.exec(p);
    if (!m?.[1]) return null;
    const up = Buffer.from(m[1], 'base64url').toString('utf8');
    return `${up}/${(m[2] ?? '').replace(/^\/+/, '')}`;
  };
  const server = http.createServer((req, res) => {
    const target = decode(req.url ?? '');
    if (target === null || !/^https?:\/\//i.test(target)) {
      res.writeHead(404).end();
      return;
    }
    const clean = target.split('#')[0] ?? target;
    const isWheel = /\.(whl|zip|tar\.gz)$/i.test(new URL(clean).pathname);
    (isWheel ? serveWheel(clean, req, res) : servePage(clean, res)).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  async function serveWheel(url: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const sha256 = hashes.get(url);
    try {
      const got = await download({ url, cacheDir: opts.cacheDir, expected: sha256 ? { sha256 } : {} });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(got.bytes) });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(got.path).pipe(res);
    } catch (error) {
      failures.push({ url, error });
      res.writeHead(error instanceof DownloadError && error.code === 'checksum-mismatch' ? 502 : 504).end();
    }
  }
  async function servePage(url: string, res: http.ServerResponse): Promise<void> {
    const upstream = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000) });
    const type = upstream.headers.get('content-type') ?? 'text/html';
    const body = Buffer.from(await upstream.arrayBuffer());
    if (body.length > MAX_PAGE) {
      res.writeHead(502).end();
      return;
    }
    if (!upstream.ok || !/html/i.test(type)) {
      res.writeHead(upstream.status, { 'content-type': type, 'content-length': String(body.length) }).end(body);
      return;
    }
    // Every link points back at the gate; the sha256 fragments are remembered for the wheels' downloads.
    const text = body.toString('utf8').replace(/href="([^"]*)"/g, (_whole, href: string) => {
      const absolute = new URL(href.replace(/&amp;/g, '&'), upstream.url || url).toString();
      const [file, fragment] = absolute.split('#') as [string, string | undefined];
      const sha = /sha256=([0-9a-f]{64})/i.exec(fragment ?? '')?.[1];
      if (sha) hashes.set(file, sha.toLowerCase());
      return `href="${encode(file)}${fragment ? `#${fragment}` : ''}"`;
    });
    const out = Buffer.from(text, 'utf8');
    res.writeHead(200, { 'content-type': type, 'content-length': String(out.length) }).end(out);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (u) => encode(u),
    upstream: (u) => (u.startsWith(`${base}/u/`) ? decode(u.slice(base.length).split('#')[0] ?? '') ?? u : u),
    failures,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
