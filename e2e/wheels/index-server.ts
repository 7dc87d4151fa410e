import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { WheelFile, WheelSet } from './build.js';

/*
 * A wheel index on 127.0.0.1 shaped like the real sources (facts.md §13):
 *   /whl/                               variant listing               (TORCHLIFT_TORCH_INDEX = <url>/whl)
 *   /whl/<variant>/                     PEP 503 root of one variant (cu118, cu121, cu124, cu128, cpu)
 *   /whl/<variant>/<project>/           PEP 503 project page, like download.pytorch.org's:
 *        <a href="/whl/<variant>/torch-2.1.2%2Bcu121-….whl#sha256=…" data-requires-python="&gt;=3.8.0"
 *           data-dist-info-metadata="sha256=…" data-core-metadata="sha256=…">
 *   /whl/<variant>/<filename>[.metadata]  the wheels (and their METADATA, PEP 658) flat under the variant
 *   /simple/, /simple/<project>/        PyPI-like index for packages outside the torch family (fakedep, xformers)
 *                                                                     (TORCHLIFT_PIP_INDEX = <url>/simple)
 *   /aliyun/pytorch-wheels/<variant>/   one flat find-links page (Aliyun style: relative links, no hashes)
 *   /aliyun/pytorch-wheels/torch_stable.html   every torch-family wheel on one page
 *   /files/<filename>[.metadata]        the same files under one path (the /simple pages link here)
 * Files answer GET and HEAD with Content-Length, ETag, Range: bytes=N- / N-M / -N (206), If-Range.
 * Knobs make it misbehave on purpose (dropped connections, stalls, wrong hashes, HTTP errors, a CPU-only mirror),
 * and it counts requests and bytes per file.
 */

/** One request the server answered. */
export interface RequestRecord {
  method: string;
  /** Decoded path, without query. */
  path: string;
  /** The wheel served, for file requests. */
  filename: string | null;
  /** The Range header as sent, or null. */
  range: string | null;
  status: number;
  /** Body bytes actually written (a dropped response counts what went out before the drop). */
  bytes: number;
}

/** What to do to one file's responses. */
interface FileFault {
  /** Body bytes a response may carry before the connection is cut (`drop`) or stops moving (`stall`). */
  afterBytes: number;
  mode: 'drop' | 'stall';
  /** Responses left to affect (Infinity: every one). */
  remaining: number;
}

/** Misbehaviour switches; every one applies from the next request on. */
export interface IndexKnobs {
  /** Cut the connection after `afterBytes` body bytes of a GET of `filename`, `times` times (default once; Infinity: always). */
  dropAfter(filename: string, afterBytes: number, times?: number): void;
  /** Send `afterBytes` body bytes, then nothing more (the socket stays open until the client gives up or close()). */
  stallAfter(filename: string, afterBytes: number, times?: number): void;
  /** Index pages give `filename` a wrong `#sha256=` fragment (the file itself is unchanged). */
  wrongHash(filename: string, on?: boolean): void;
  /** Send `filename` in `chunkBytes` pieces with `intervalMs` pauses (progress and cancel tests); 0 chunkBytes: full speed. */
  throttle(filename: string, chunkBytes: number, intervalMs: number): void;
  /** Serve `filename` with one byte flipped in the middle (size unchanged, ETag changes; pages keep the true hash). */
  corrupt(filename: string, on?: boolean): void;
  /** Answer requests for `filename` with `status` (403, 404, 500 …), `times` times (default once). */
  failWith(filename: string, status: number, times?: number): void;
  /** false: ignore Range headers and answer 200 with the whole file, without Accept-Ranges (some mirrors/proxies). */
  rangeSupport(on: boolean): void;
  /** PEP 658/714: pages advertise `<file>.metadata` (default on, like download.pytorch.org and PyPI). */
  metadata(on: boolean): void;
  /** Torch-family pages of `variant` (or '*' for all) list only +cpu builds, like a mirror that has only CPU torch. */
  cpuOnly(variant: string, on?: boolean): void;
  /** Undo every knob. */
  reset(): void;
}

/** Counters a test can assert on. */
export interface IndexStats {
  requests: RequestRecord[];
  /** Body bytes served for `filename` over all requests (GET only). */
  bytesServed(filename: string): number;
  /** Requests for `filename` (any method, or the one given). */
  requestCount(filename: string, method?: string): number;
  reset(): void;
}

/** A running index. */
export interface IndexServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** `<url>/whl`: TORCHLIFT_TORCH_INDEX. */
  torchIndex: string;
  /** `<url>/simple`: TORCHLIFT_PIP_INDEX. */
  pypiIndex: string;
  /** `<url>/whl/<variant>` (pip --index-url). */
  variantUrl(variant: string): string;
  /** `<url>/aliyun/pytorch-wheels/<variant>/` (pip --find-links). */
  findLinksUrl(variant: string): string;
  /** The mirror template for shared/sources/mirrors.ts-style presets: `<url>/aliyun/pytorch-wheels/{variant}/`. */
  findLinksTemplate: string;
  /** `<url>/files/<filename>` (the `+` percent-encoded): where /simple pages link. */
  fileUrl(filename: string): string;
  /** `<url>/whl/<variant>/<filename>`: where the variant's PEP 503 pages link (as download.pytorch.org does). */
  variantFileUrl(variant: string, filename: string): string;
  wheels: WheelSet;
  knobs: IndexKnobs;
  stats: IndexStats;
  close(): Promise<void>;
}

const FAMILY = new Set(['torch', 'torchvision', 'torchaudio', 'xformers']);
const CPU_FAMILY = new Set(['torch', 'torchvision', 'torchaudio']);
/** A fixed Last-Modified for every file (the bytes are deterministic too). */
const LAST_MODIFIED = 'Mon, 01 Jan 2024 00:00:00 GMT';

/** PEP 503 name normalisation. */
export function normalizeProject(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One anchor of a listing. */
interface Link { href: string; text: string; requiresPython?: string | null; metadataSha256?: string }

function page(title: string, links: readonly Link[]): string {
  const body = links.map((l) => {
    const rp = l.requiresPython ? ` data-requires-python="${escapeHtml(l.requiresPython)}"` : '';
    const md = l.metadataSha256 ? ` data-dist-info-metadata="sha256=${l.metadataSha256}" data-core-metadata="sha256=${l.metadataSha256}"` : '';
    return `    <a href="${escapeHtml(l.href)}"${rp}${md}>${escapeHtml(l.text)}</a><br/>`;
  });
  return ['<!DOCTYPE html>', '<html>', '  <head>', '    <meta name="pypi:repository-version" content="1.0">',
    `    <title>${escapeHtml(title)}</title>`, '  </head>', '  <body>', `    <h1>${escapeHtml(title)}</h1>`, ...body, '  </body>', '</html>', ''].join('\n');
}

/** Starts the index on 127.0.0.1 (a free port) serving `set`; files are read into memory once. */
export async function startIndexServer(set: WheelSet): Promise<IndexServer> {
  const bytes = new Map<string, Buffer>();
  const metadataBytes = new Map<string, Buffer>();
  await Promise.all(set.wheels.map(async (w) => {
    bytes.set(w.filename, await fs.readFile(w.path));
    metadataBytes.set(w.filename, await fs.readFile(`${w.path}.metadata`));
  }));
  const byName = new Map(set.wheels.map((w) => [w.filename, w]));
  const variants = [...new Set(set.wheels.flatMap((w) => w.variants))].sort();

  const faults = new Map<string, FileFault>();
  const failures = new Map<string, { status: number; remaining: number }>();
  const wrong = new Set<string>();
  const throttles = new Map<string, { chunkBytes: number; intervalMs: number }>();
  const corrupted = new Map<string, { data: Buffer; etag: string }>();
  const cpuOnlyVariants = new Set<string>();
  let advertiseMetadata = true;
  let ranges = true;
  const requests: RequestRecord[] = [];
  const sockets = new Set<Socket>();

  const isCpuOnly = (variant: string): boolean => cpuOnlyVariants.has('*') || cpuOnlyVariants.has(variant);
  const hashFragment = (w: WheelFile): string => (wrong.has(w.filename)
    ? createHash('sha256').update(`not ${w.filename}`).digest('hex') : w.sha256);
  /** A PEP 503 anchor of a wheel; `dir` is the path the file is served under ("/files", "/whl/cu121"). */
  const indexLink = (w: WheelFile, dir: string): Link => ({
    href: `${dir}/${encodeURIComponent(w.filename)}#sha256=${hashFragment(w)}`, text: w.filename, requiresPython: w.requiresPython,
    ...(advertiseMetadata ? { metadataSha256: w.metadataSha256 } : {}),
  });

  const variantWheels = (variant: string, project?: string): WheelFile[] => set.wheels.filter((w) => {
    if (project !== undefined && normalizeProject(w.project) !== project) return false;
    if (isCpuOnly(variant) && CPU_FAMILY.has(w.project)) return w.version.endsWith('+cpu');
    return w.variants.includes(variant);
  });

  function routePage(parts: string[]): { status: number; html: string } | null {
    const [top, a, b, c] = parts;
    if (top === 'whl') {
      if (a === undefined) return { status: 200, html: page('PyTorch wheel variants', variants.map((v) => ({ href: `${v}/`, text: v }))) };
      if (!variants.includes(a) && !cpuOnlyVariants.has(a)) return null;
      if (b === undefined) {
        const projects = [...new Set(variantWheels(a).map((w) => normalizeProject(w.project)))].sort();
        return { status: 200, html: page(`Simple index (${a})`, projects.map((p) => ({ href: `${p}/`, text: p }))) };
      }
      const list = variantWheels(a, normalizeProject(b));
      if (list.length === 0 || c !== undefined) return null;
      return { status: 200, html: page(`Links for ${b}`, list.map((w) => indexLink(w, `/whl/${a}`))) };
    }
    if (top === 'simple') {
      const pypi = set.wheels.filter((w) => w.pypi);
      if (a === undefined) {
        const projects = [...new Set(pypi.map((w) => normalizeProject(w.project)))].sort();
        return { status: 200, html: page('Simple index', projects.map((p) => ({ href: `${p}/`, text: p }))) };
      }
      const list = pypi.filter((w) => normalizeProject(w.project) === normalizeProject(a));
      if (list.length === 0 || b !== undefined) return null;
      return { status: 200, html: page(`Links for ${a}`, list.map((w) => indexLink(w, '/files'))) };
    }
    if (top === 'aliyun' && a === 'pytorch-wheels') {
      if (b === 'torch_stable.html' && c === undefined) {
        const links = variants.flatMap((v) => variantWheels(v).filter((w) => FAMILY.has(w.project))
          .map((w) => ({ href: `${v}/${encodeURIComponent(w.filename)}`, text: `${v}/${w.filename}` })));
        return { status: 200, html: page('pytorch-wheels', links) };
      }
      if (b !== undefined && c === undefined && (variants.includes(b) || cpuOnlyVariants.has(b))) {
        const list = variantWheels(b).filter((w) => FAMILY.has(w.project));
        return { status: 200, html: page(`Index of /pytorch-wheels/${b}/`, list.map((w) => ({ href: encodeURIComponent(w.filename), text: w.filename }))) };
      }
    }
    return null;
  }

  /** The wheel (or its .metadata) a path names: /files/<name>, /whl/<variant>/<name>, /aliyun/pytorch-wheels/<variant>/<name>. */
  function routeFile(parts: string[]): { wheel: WheelFile; metadata: boolean } | null {
    const name = parts[0] === 'files' && parts.length === 2 ? parts[1]
      : parts[0] === 'whl' && parts.length === 3 ? parts[2]
        : parts[0] === 'aliyun' && parts[1] === 'pytorch-wheels' && parts.length === 4 ? parts[3] : undefined;
    if (name === undefined) return null;
    const metadata = name.endsWith('.whl.metadata');
    const wheel = byName.get(metadata ? name.slice(0, -'.metadata'.length) : name);
    return wheel ? { wheel, metadata } : null;
  }

  function serveMetadata(req: http.IncomingMessage, res: http.ServerResponse, w: WheelFile, record: RequestRecord): void {
    const body = metadataBytes.get(w.filename) ?? Buffer.alloc(0);
    record.status = 200;
    record.bytes = req.method === 'HEAD' ? 0 : body.length;
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function serveFile(req: http.IncomingMessage, res: http.ServerResponse, w: WheelFile, record: RequestRecord): void {
    const bad = corrupted.get(w.filename);
    const data = bad?.data ?? bytes.get(w.filename) ?? Buffer.alloc(0);
    const etag = bad?.etag ?? `"${w.sha256.slice(0, 32)}"`;
    const failure = failures.get(w.filename);
    if (failure && failure.remaining > 0) {
      failure.remaining -= 1;
      record.status = failure.status;
      res.writeHead(failure.status, { 'Content-Type': 'text/plain', 'Content-Length': 0 });
      res.end();
      return;
    }
    let start = 0;
    let end = data.length - 1;
    let status = 200;
    const range = req.headers.range;
    const ifRange = req.headers['if-range'];
    const rangeApplies = ranges && range !== undefined && (ifRange === undefined || ifRange === etag || ifRange === LAST_MODIFIED);
    if (range !== undefined && rangeApplies) {
      const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
      const from = m?.[1] ? Number(m[1]) : null;
      const to = m?.[2] ? Number(m[2]) : null;
      if (m && from === null && to !== null) { start = Math.max(0, data.length - to); } // suffix range: last N bytes
      else if (m && from !== null) { start = from; end = to === null ? end : Math.min(to, end); }
      if (!m || start >= data.length || start > end) {
        record.status = 416;
        res.writeHead(416, { 'Content-Range': `bytes */${data.length}`, 'Content-Length': 0 });
        res.end();
        return;
      }
      status = 206;
    }
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': 'application/octet-stream', 'Content-Length': end - start + 1, ...(ranges ? { 'Accept-Ranges': 'bytes' } : {}),
      ETag: etag, 'Last-Modified': LAST_MODIFIED,
      ...(status === 206 ? { 'Content-Range': `bytes ${start}-${end}/${data.length}` } : {}),
    };
    record.status = status;
    res.writeHead(status, headers);
    if (req.method === 'HEAD') { res.end(); return; }
    const body = data.subarray(start, end + 1);
    const fault = faults.get(w.filename);
    const faulty = fault !== undefined && fault.remaining > 0 && fault.afterBytes < body.length;
    if (fault && faulty) fault.remaining -= 1;
    const limit = fault && faulty ? fault.afterBytes : body.length;
    const pace = throttles.get(w.filename);
    const chunk = pace?.chunkBytes ?? limit;
    let sent = 0;
    // Writes the body up to `limit` (in paced chunks when throttled), then ends, cuts or stalls the response.
    const next = (): void => {
      if (res.destroyed) return;
      const part = body.subarray(sent, Math.min(limit, sent + Math.max(1, chunk)));
      sent += part.length;
      record.bytes = sent;
      if (sent < limit) {
        res.write(part, () => { setTimeout(next, pace?.intervalMs ?? 0); });
      } else if (!faulty) {
        res.end(part);
      } else {
        res.write(part, () => { if (fault?.mode === 'drop') res.socket?.destroy(); });
      }
    };
    next();
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const decoded = decodeURIComponent(url.pathname);
    const parts = decoded.split('/').filter((p) => p !== '');
    const record: RequestRecord = { method: req.method ?? 'GET', path: decoded, filename: null, range: req.headers.range ?? null, status: 0, bytes: 0 };
    requests.push(record);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      record.status = 405;
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': 0 });
      res.end();
      return;
    }
    const file = routeFile(parts);
    if (file?.metadata) {
      serveMetadata(req, res, file.wheel, record);
      return;
    }
    if (file) {
      record.filename = file.wheel.filename;
      serveFile(req, res, file.wheel, record);
      return;
    }
    // pip asks for /whl/cu121/torch (no slash) first on some paths: redirect like a real index.
    if (!decoded.endsWith('/') && !decoded.endsWith('.html') && routePage(parts)) {
      record.status = 301;
      res.writeHead(301, { Location: `${url.pathname}/`, 'Content-Length': 0 });
      res.end();
      return;
    }
    const found = routePage(parts);
    const html = found?.html ?? page('404 Not Found', []);
    record.status = found?.status ?? 404;
    const body = Buffer.from(html);
    record.bytes = req.method === 'HEAD' ? 0 : body.length;
    res.writeHead(record.status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const setFault = (mode: FileFault['mode']) => (filename: string, afterBytes: number, times = 1): void => {
    if (!byName.has(filename)) throw new Error(`index server: no wheel ${filename}`);
    faults.set(filename, { mode, afterBytes, remaining: times });
  };
  const knobs: IndexKnobs = {
    dropAfter: setFault('drop'),
    stallAfter: setFault('stall'),
    wrongHash(filename, on = true) {
      if (!byName.has(filename)) throw new Error(`index server: no wheel ${filename}`);
      if (on) wrong.add(filename); else wrong.delete(filename);
    },
    throttle(filename, chunkBytes, intervalMs) {
      if (!byName.has(filename)) throw new Error(`index server: no wheel ${filename}`);
      if (chunkBytes <= 0) throttles.delete(filename); else throttles.set(filename, { chunkBytes, intervalMs });
    },
    corrupt(filename, on = true) {
      const good = bytes.get(filename);
      if (!good) throw new Error(`index server: no wheel ${filename}`);
      if (!on) { corrupted.delete(filename); return; }
      const data = Buffer.from(good);
      const mid = Math.floor(data.length / 2);
      data[mid] = (data[mid] ?? 0) ^ 0xff;
      corrupted.set(filename, { data, etag: `"${createHash('sha256').update(data).digest('hex').slice(0, 32)}"` });
    },
    failWith(filename, status, times = 1) {
      if (!byName.has(filename)) throw new Error(`index server: no wheel ${filename}`);
      failures.set(filename, { status, remaining: times });
    },
    metadata(on) { advertiseMetadata = on; },
    rangeSupport(on) { ranges = on; },
    cpuOnly(variant, on = true) {
      if (on) cpuOnlyVariants.add(variant); else cpuOnlyVariants.delete(variant);
    },
    reset() { faults.clear(); failures.clear(); wrong.clear(); corrupted.clear(); throttles.clear(); cpuOnlyVariants.clear(); advertiseMetadata = true; ranges = true; },
  };
  const stats: IndexStats = {
    requests,
    bytesServed: (filename) => requests.filter((r) => r.filename === filename && r.method === 'GET').reduce((n, r) => n + r.bytes, 0),
    requestCount: (filename, method) => requests.filter((r) => r.filename === filename && (method === undefined || r.method === method)).length,
    reset() { requests.length = 0; },
  };
  return {
    url,
    torchIndex: `${url}/whl`,
    pypiIndex: `${url}/simple`,
    variantUrl: (variant) => `${url}/whl/${variant}`,
    findLinksUrl: (variant) => `${url}/aliyun/pytorch-wheels/${variant}/`,
    findLinksTemplate: `${url}/aliyun/pytorch-wheels/{variant}/`,
    fileUrl: (filename) => `${url}/files/${encodeURIComponent(filename)}`,
    variantFileUrl: (variant, filename) => `${url}/whl/${variant}/${encodeURIComponent(filename)}`,
    wheels: set,
    knobs,
    stats,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
