import http from 'node:http';
import https from 'node:https';
import { DownloadError } from './errors.js';

/** One GET/HEAD after redirects: the status, headers and (for GET) the body still to be read. */
export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The URL that answered (after redirects). */
  url: string;
  body: http.IncomingMessage;
}

export interface RequestOptions {
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** Fail when no byte moves for this long (connect, headers or body). */
  idleTimeoutMs: number;
  maxRedirects: number;
  signal?: AbortSignal;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The protocol of a URL the downloader may fetch, or a refusal naming it. */
export function httpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DownloadError('bad-url', `Not a valid URL: ${raw}`, { url: raw });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DownloadError('bad-url', `Only http:, https: and file: downloads are allowed, not ${url.protocol} (${raw})`, { url: raw });
  }
  return url;
}

/**
 * Sends one request and follows redirects (bounded; never from https down to http). The caller reads or destroys
 * `body`. Connection errors reject with the socket's error (its `code` tells transient ones apart).
 */
export async function request(rawUrl: string, options: RequestOptions): Promise<HttpResponse> {
  let url = httpUrl(rawUrl);
  for (let hop = 0; ; hop += 1) {
    const res = await once(url, options);
    if (!REDIRECTS.has(res.statusCode ?? 0)) return { status: res.statusCode ?? 0, headers: res.headers, url: url.toString(), body: res };
    res.resume();
    const location = res.headers.location;
    if (location === undefined) return { status: res.statusCode ?? 0, headers: res.headers, url: url.toString(), body: res };
    if (hop >= options.maxRedirects) {
      throw new DownloadError('too-many-redirects', `More than ${options.maxRedirects} redirects from ${rawUrl}`, { url: rawUrl, count: options.maxRedirects });
    }
    const next = httpUrl(new URL(location, url).toString());
    if (url.protocol === 'https:' && next.protocol === 'http:') {
      throw new DownloadError('insecure-redirect', `${rawUrl} redirects from https to plain http (${next.toString()}); refused`, { url: rawUrl, to: next.toString() });
    }
    url = next;
  }
}

function once(url: URL, options: RequestOptions): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, { method: options.method ?? 'GET', headers: { 'user-agent': 'TorchLift', 'accept-encoding': 'identity', ...options.headers }, signal: options.signal });
    req.setTimeout(options.idleTimeoutMs, () => {
      req.destroy(new DownloadError('timeout', `No data from ${url.toString()} for ${Math.round(options.idleTimeoutMs / 1000)} s`, { url: url.toString() }, true));
    });
    req.on('response', (res) => {
      // The same idle limit while the body streams.
      res.socket.setTimeout(options.idleTimeoutMs);
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
}

/** `Content-Range: bytes START-END/TOTAL` → its numbers (TOTAL null for `*`), or null when absent or malformed. */
export function parseContentRange(value: string | undefined): { start: number; end: number; total: number | null } | null {
  const m = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(value?.trim() ?? '');
  if (!m) return null;
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? null : Number(m[3]) };
}

/** A header's number (Content-Length), or null. */
export function headerNumber(value: string | string[] | undefined): number | null {
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
}
