import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { ApiHandlers } from '../../shared/api/contract.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp.js';
import { dispatch, isApiCallName } from '../engine/api/dispatch.js';
import { logger } from '../engine/log/logger.js';
import { guardRequest, isLoopbackHost, type HostIdentity } from './guard.js';
import { resolveStatic } from './static-files.js';

/** The largest request body: a 2,000,000-character doctor paste in Japanese or Chinese, JSON-encoded, fits. */
const MAX_BODY = 8 * 1024 * 1024;

/** A running web host. */
export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer and the same API as Electron on a loopback address only. Every request passes
 * the guard first (Host/Origin 403, token 401), then routing: POST /api/<call>, else static files.
 */
export async function startWebHost(opts: {
  handlers: ApiHandlers;
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
}): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`refusing to listen on ${host}: the web host serves this machine only (use 127.0.0.1)`);
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const identity: HostIdentity = { port: 0, names: ['127.0.0.1', 'localhost', '[::1]'], token };
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      logger.error(`web host: ${req.method ?? '?'} ${(req.url ?? '').split('?')[0]} failed:`, error);
      if (!res.headersSent) send(res, 500, 'application/json', JSON.stringify({ ok: false, error: { code: 'internal', message: String(error) } }));
    });
  });
  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const verdict = guardRequest(identity, {
      url: req.url ?? '/',
      host: req.headers.host,
      origin: req.headers.origin,
      authorization: req.headers.authorization,
    });
    if (!verdict.allow) return send(res, verdict.status, 'application/json', JSON.stringify({ ok: false, error: { code: String(verdict.status), message: verdict.reason } }));
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    const found = await resolveStatic(opts.rendererDir, url.pathname);
    if (!found) return send(res, 404, 'text/plain', 'not found');
    res.writeHead(200, { ...securityHeaders(), 'content-type': found.type });
    if (req.method === 'HEAD') return void res.end();
    // A file removed between stat and read (a rebuild while serving) ends this response, not the process.
    pipeline(fs.createReadStream(found.file), res).catch(() => res.destroy());
  }
  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'application/json', JSON.stringify({ ok: false, error: { code: 'method', message: 'use POST' } }));
    if (!isApiCallName(name)) return send(res, 404, 'application/json', JSON.stringify({ ok: false, error: { code: 'unknown-call', message: `no API call named "${name}"` } }));
    const body = await readBody(req);
    if (body === null) {
      res.setHeader('connection', 'close');
      return send(res, 413, 'application/json', JSON.stringify({ ok: false, error: { code: 'too-large', message: `request body over ${MAX_BODY} bytes` } }));
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'bad-input', message: 'request body is not JSON' } }));
    }
    const result = await dispatch(opts.handlers, name, input);
    send(res, 200, 'application/json', JSON.stringify(result));
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  identity.port = port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    port,
    token,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...securityHeaders(), 'content-type': type });
  res.end(body);
}

/**
 * The request body as text, or null when it is over MAX_BODY. Reading stops storing at the limit (nothing larger is
 * ever held); the rest is left for Node to discard while the 413 goes out, so the client reads an answer instead of
 * a reset socket. A declared Content-Length over the limit is refused before any of the body is read.
 */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY) {
        req.off('data', onData);
        chunks.length = 0;
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
