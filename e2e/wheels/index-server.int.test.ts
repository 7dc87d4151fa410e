import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../../electron/engine/process/run.js';
import { resolvePython } from '../scenarios/fake-venv.js';
import { buildWheel, buildWheelSet, findWheel, startIndexServer, type IndexServer, type WheelSet } from './index.js';

let set: WheelSet;
let server: IndexServer;
beforeAll(async () => {
  set = await buildWheelSet();
  server = await startIndexServer(set);
});
afterAll(async () => { await server.close(); });
afterEach(() => { server.knobs.reset(); server.stats.reset(); });

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: Buffer; aborted: boolean }

/** One HTTP request with node's client; a connection cut mid-body resolves with aborted: true and the bytes seen. */
function request(url: string, opts: { method?: string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let aborted = false;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('aborted', () => { aborted = true; });
      res.on('error', () => { aborted = true; });
      res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), aborted: aborted || !res.complete }));
    });
    if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Every entry of a zip, name → content. */
function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) { reject(err ?? new Error('no zip')); return; }
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) { reject(e ?? new Error('no stream')); return; }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => { out.set(entry.fileName, Buffer.concat(chunks)); zip.readEntry(); });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

describe('test wheels', () => {
  test('a torch wheel is a real wheel: dist-info with METADATA, WHEEL tag, RECORD hashes and sizes that match every file', async () => {
    const w = findWheel(set, { project: 'torch', version: '2.4.1+cu124', os: 'windows' });
    expect(w.filename).toBe(`torch-2.4.1+cu124-cp${set.pythonVersion.split('.').slice(0, 2).join('')}-cp${set.pythonVersion.split('.').slice(0, 2).join('')}-win_amd64.whl`);
    expect(sha256(await fs.readFile(w.path))).toBe(w.sha256);
    const files = await readZip(w.path);
    const metadata = files.get('torch-2.4.1+cu124.dist-info/METADATA')?.toString() ?? '';
    expect(metadata).toContain('Version: 2.4.1+cu124\n');
    expect(metadata).toContain('Requires-Dist: fakedep>=2.0\n');
    expect(metadata).toContain('Requires-Python: >=3.8.0\n');
    expect(files.get('torch-2.4.1+cu124.dist-info/WHEEL')?.toString()).toContain(`Tag: ${w.tag}\n`);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['torch/lib/cudnn64_9.dll', 'torch/lib/cudnn_graph64_9.dll', 'torch/lib/cublas64_12.dll',
      'torch/lib/torch_cuda.dll', 'torch/_fake_manifest.json', 'torch/version.py', 'torch-2.4.1+cu124.dist-info/top_level.txt']));
    expect([...files.keys()].filter((n) => n.endsWith('.py')).length).toBeGreaterThan(100);
    const record = files.get('torch-2.4.1+cu124.dist-info/RECORD')?.toString().trim().split('\n') ?? [];
    expect(record).toHaveLength(files.size);
    for (const line of record) {
      const [name = '', hash = '', size = ''] = line.split(',');
      if (name.endsWith('/RECORD')) { expect(hash).toBe(''); continue; }
      const content = files.get(name);
      expect(content, name).toBeDefined();
      const digest = createHash('sha256').update(content ?? Buffer.alloc(0)).digest('base64url');
      expect(`${hash},${size}`, name).toBe(`sha256=${digest},${content?.length}`);
    }
  });

  test('the Linux torch wheel carries the .so names, the Windows one the DLLs, and the build data says the version and CUDA', async () => {
    const linux = await readZip(findWheel(set, { project: 'torch', version: '2.1.2+cu121', os: 'linux' }).path);
    expect(linux.has('nvidia/cudnn/lib/libcudnn.so.8')).toBe(true);
    expect(linux.has('torch/lib/libtorch_cuda.so')).toBe(true);
    const manifest = JSON.parse(linux.get('torch/_fake_manifest.json')?.toString() ?? '{}') as { version: string; cuda: string; platform: string };
    expect(manifest).toMatchObject({ version: '2.1.2+cu121', cuda: '12.1', platform: 'linux' });
    expect(linux.get('torch/version.py')?.toString()).toContain("cuda = '12.1'");
    const cpu = await readZip(findWheel(set, { project: 'torch', version: '2.4.1+cpu', os: 'windows' }).path);
    expect(cpu.get('torch/version.py')?.toString()).toContain('cuda = None');
    expect([...cpu.keys()].filter((n) => n.startsWith('torch/lib/'))).not.toContainEqual(expect.stringMatching(/cud(nn|art|a)/));
    expect(cpu.has('torch/lib/torch_cpu.dll')).toBe(true);
  });

  test('xformers and torchvision pin the exact torch they were built with', async () => {
    const xf = await readZip(findWheel(set, { project: 'xformers', version: '0.0.23.post1', os: 'linux' }).path);
    expect(xf.get('xformers-0.0.23.post1.dist-info/METADATA')?.toString()).toContain('Requires-Dist: torch==2.1.2\n');
    expect(JSON.parse(xf.get('xformers/cpp_lib.json')?.toString() ?? '{}')).toMatchObject({ version: { torch: '2.1.2+cu121', cuda: 1201 } });
    const tv = await readZip(findWheel(set, { project: 'torchvision', version: '0.16.2+cu121', os: 'linux' }).path);
    expect(tv.get('torchvision-0.16.2+cu121.dist-info/METADATA')?.toString()).toContain('Requires-Dist: torch==2.1.2+cu121\n');
  });

  test('a fresh build of the whole set in another folder gives the same sha256 for every wheel', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-wheelset-'));
    try {
      const again = await buildWheelSet({ cacheDir: tmp });
      expect(again.dir.startsWith(tmp)).toBe(true);
      expect(again.wheels.map((w) => `${w.filename} ${w.sha256}`)).toEqual(set.wheels.map((w) => `${w.filename} ${w.sha256}`));
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });

  test('building a wheel twice gives the same bytes (fixed timestamps: the sha256 is stable)', async () => {
    const meta = { name: 'fakedep', version: '9.9', summary: 's', topLevel: ['fakedep'], tag: 'py3-none-any' };
    const files = [{ rel: 'fakedep/__init__.py', content: "__version__ = '9.9'\n" }];
    const [a, b] = await Promise.all([buildWheel(meta, files), buildWheel(meta, [...files])]);
    expect(a.sha256).toBe(b.sha256);
    expect(a.filename).toBe('fakedep-9.9-py3-none-any.whl');
  });
});

describe('index server pages', () => {
  test('a PEP 503 project page lists the variant\'s wheels with #sha256 and an escaped data-requires-python', async () => {
    const r = await request(`${server.variantUrl('cu121')}/torch/`);
    expect(r.status).toBe(200);
    const html = r.body.toString();
    const w = findWheel(set, { project: 'torch', version: '2.1.2+cu121', os: 'linux' });
    expect(html).toContain(`<a href="/whl/cu121/${encodeURIComponent(w.filename)}#sha256=${w.sha256}" data-requires-python="&gt;=3.8.0" `
      + `data-dist-info-metadata="sha256=${w.metadataSha256}" data-core-metadata="sha256=${w.metadataSha256}">${w.filename}</a>`);
    const wheelBytes = await request(server.variantFileUrl('cu121', w.filename));
    expect(sha256(wheelBytes.body)).toBe(w.sha256);
    const metadata = await request(`${server.variantFileUrl('cu121', w.filename)}.metadata`);
    expect(sha256(metadata.body)).toBe(w.metadataSha256);
    expect(metadata.body.toString()).toContain('Requires-Dist: fakedep>=1.0\n');
    server.knobs.metadata(false);
    expect((await request(`${server.variantUrl('cu121')}/torch/`)).body.toString()).not.toContain('data-core-metadata');
    expect(html).not.toContain('cu118');
    expect(html).toContain('torch-2.3.1+cu121-cp39-cp39-linux_x86_64.whl');
    const root = (await request(`${server.variantUrl('cu121')}/`)).body.toString();
    expect(root).toMatch(/href="torch\/"/);
    expect(root).toMatch(/href="xformers\/"/);
    expect((await request(`${server.variantUrl('cu121')}/fakedep/`)).status).toBe(404);
  });

  test('/simple serves the packages outside the torch family, the find-links page lists relative links without hashes', async () => {
    const fakedep = (await request(`${server.pypiIndex}/fakedep/`)).body.toString();
    expect(fakedep).toContain('fakedep-1.0-py3-none-any.whl#sha256=');
    expect(fakedep).toContain('fakedep-2.0-py3-none-any.whl#sha256=');
    expect((await request(`${server.pypiIndex}/torch/`)).status).toBe(404);
    const flat = await request(server.findLinksUrl('cu124'));
    expect(flat.status).toBe(200);
    const html = flat.body.toString();
    expect(html).toContain('<a href="torch-2.4.1%2Bcu124-cp311-cp311-linux_x86_64.whl">');
    expect(html).not.toContain('#sha256');
    expect(html).not.toContain('fakedep');
    const w = findWheel(set, { project: 'torch', version: '2.4.1+cu124', os: 'linux' });
    const file = await request(`${server.findLinksUrl('cu124')}${encodeURIComponent(w.filename)}`);
    expect(sha256(file.body)).toBe(w.sha256);
  });

  test('wrongHash gives one file a wrong #sha256 fragment; the file itself is unchanged', async () => {
    const w = findWheel(set, { project: 'torch', version: '2.1.2+cu121', os: 'linux' });
    server.knobs.wrongHash(w.filename);
    const html = (await request(`${server.variantUrl('cu121')}/torch/`)).body.toString();
    const frag = new RegExp(`${w.filename.replace(/[.+]/g, (c) => `\\${c}`)}#sha256=([0-9a-f]{64})`).exec(decodeURIComponent(html))?.[1];
    expect(frag).toMatch(/^[0-9a-f]{64}$/);
    expect(frag).not.toBe(w.sha256);
    expect(sha256((await request(server.fileUrl(w.filename))).body)).toBe(w.sha256);
  });

  test('cpuOnly makes a variant\'s torch page list only +cpu builds (and can invent a CPU-only mirror variant)', async () => {
    server.knobs.cpuOnly('cu121');
    const html = (await request(`${server.variantUrl('cu121')}/torch/`)).body.toString();
    expect(html).toContain('torch-2.4.1%2Bcpu-cp311');
    expect(html).not.toContain('%2Bcu121');
    server.knobs.cpuOnly('tuna');
    const tuna = (await request(`${server.variantUrl('tuna')}/torchvision/`)).body.toString();
    expect(tuna).toContain('torchvision-0.19.1%2Bcpu');
    expect(tuna).not.toContain('%2Bcu1');
  });
});

describe('index server files', () => {
  const wheel = () => findWheel(set, { project: 'torch', version: '2.0.1+cu118', os: 'linux' });

  test('HEAD answers the size, ETag and Accept-Ranges without a body', async () => {
    const w = wheel();
    const r = await request(server.fileUrl(w.filename), { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(Number(r.headers['content-length'])).toBe(w.size);
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(r.body.length).toBe(0);
    expect(server.stats.bytesServed(w.filename)).toBe(0);
    expect(server.stats.requestCount(w.filename, 'HEAD')).toBe(1);
  });

  test('Range: bytes=N- answers 206 with Content-Range and exactly the tail; a stale If-Range gets the whole file', async () => {
    const w = wheel();
    const whole = await fs.readFile(w.path);
    const r = await request(server.fileUrl(w.filename), { headers: { Range: 'bytes=1000-' } });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes 1000-${w.size - 1}/${w.size}`);
    expect(r.body.equals(whole.subarray(1000))).toBe(true);
    const etag = String(r.headers.etag);
    const same = await request(server.fileUrl(w.filename), { headers: { Range: 'bytes=10-19', 'If-Range': etag } });
    expect(same.status).toBe(206);
    expect(same.body.equals(whole.subarray(10, 20))).toBe(true);
    const stale = await request(server.fileUrl(w.filename), { headers: { Range: 'bytes=10-', 'If-Range': '"something-else"' } });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(w.size);
    server.knobs.rangeSupport(false);
    const ignored = await request(server.fileUrl(w.filename), { headers: { Range: 'bytes=1000-' } });
    expect(ignored.status).toBe(200);
    expect(ignored.headers['accept-ranges']).toBeUndefined();
    expect(ignored.body.length).toBe(w.size);
    server.knobs.rangeSupport(true);
    const past = await request(server.fileUrl(w.filename), { headers: { Range: `bytes=${w.size}-` } });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${w.size}`);
  });

  test('dropAfter cuts the connection once after N bytes; a resumed Range request completes it and the bytes are counted', async () => {
    const w = wheel();
    server.knobs.dropAfter(w.filename, 100_000);
    const first = await request(server.fileUrl(w.filename));
    expect(first.aborted).toBe(true);
    expect(first.body.length).toBe(100_000);
    const rest = await request(server.fileUrl(w.filename), { headers: { Range: `bytes=${first.body.length}-` } });
    expect(rest.status).toBe(206);
    expect(rest.aborted).toBe(false);
    expect(sha256(Buffer.concat([first.body, rest.body]))).toBe(w.sha256);
    expect(server.stats.bytesServed(w.filename)).toBe(w.size);
    expect(server.stats.requestCount(w.filename, 'GET')).toBe(2);
    expect(server.stats.requests.filter((q) => q.filename === w.filename).map((q) => q.range)).toEqual([null, 'bytes=100000-']);
  });

  test('dropAfter with times=Infinity cuts every response (a download that can never finish)', async () => {
    const w = wheel();
    server.knobs.dropAfter(w.filename, 5_000, Infinity);
    for (let i = 0; i < 3; i += 1) {
      const r = await request(server.fileUrl(w.filename), { headers: { Range: `bytes=${i * 5_000}-` } });
      expect(r.aborted).toBe(true);
      expect(r.body.length).toBe(5_000);
    }
  });

  test("stallAfter sends N bytes then nothing more: only the client's own timeout ends it", async () => {
    const w = wheel();
    server.knobs.stallAfter(w.filename, 2_048);
    await expect(request(server.fileUrl(w.filename), { timeoutMs: 1_500 })).rejects.toThrow('timeout');
    expect(server.stats.bytesServed(w.filename)).toBe(2_048);
  });

  test('corrupt serves other bytes of the same size under a new ETag: a resume with the old ETag gets the whole file', async () => {
    const w = wheel();
    const before = await request(server.fileUrl(w.filename), { method: 'HEAD' });
    server.knobs.corrupt(w.filename);
    const r = await request(server.fileUrl(w.filename), { headers: { Range: 'bytes=100-', 'If-Range': String(before.headers.etag) } });
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(w.size);
    expect(sha256(r.body)).not.toBe(w.sha256);
    expect(r.headers.etag).not.toBe(before.headers.etag);
    server.knobs.corrupt(w.filename, false);
    expect(sha256((await request(server.fileUrl(w.filename))).body)).toBe(w.sha256);
  });

  test('throttle sends the file in paced chunks (the client sees many data events) and still the exact bytes', async () => {
    const w = wheel();
    server.knobs.throttle(w.filename, 64 * 1024, 20);
    let events = 0;
    const body = await new Promise<Buffer>((resolve, reject) => {
      http.get(server.fileUrl(w.filename), { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => { events += 1; chunks.push(c); });
        res.on('end', () => resolve(Buffer.concat(chunks)));
        res.on('error', reject);
      }).on('error', reject);
    });
    expect(sha256(body)).toBe(w.sha256);
    // Nine paced pieces; a busy event loop may join a few of them, never all.
    expect(events).toBeGreaterThanOrEqual(3);
    server.knobs.dropAfter(w.filename, 100_000);
    const cut = await request(server.fileUrl(w.filename));
    expect(cut.aborted).toBe(true);
    expect(cut.body.length).toBe(100_000);
  });

  test('failWith answers a status once, then the file is served again', async () => {
    const w = wheel();
    server.knobs.failWith(w.filename, 403);
    expect((await request(server.fileUrl(w.filename))).status).toBe(403);
    expect((await request(server.fileUrl(w.filename))).status).toBe(200);
  });
});

describe('real pip against the index', () => {
  test('pip install --dry-run --report resolves torch + torchvision + xformers + fakedep with URLs and sha256 from the index', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-pipreport-'));
    try {
      const report = path.join(tmp, 'report.json');
      const r = await run((await resolvePython()).executable, ['-m', 'pip', 'install', '--dry-run', '--ignore-installed', '--quiet', '--report', report,
        '--index-url', server.variantUrl('cu121'), '--extra-index-url', server.pypiIndex,
        'torch==2.1.2+cu121', 'torchvision==0.16.2+cu121', 'xformers==0.0.23.post1'],
      { name: 'pip', timeoutMs: 120_000, env: { PATH: '/usr/bin:/bin', HOME: tmp, PIP_CONFIG_FILE: '/dev/null', PIP_NO_CACHE_DIR: '1',
        PIP_DISABLE_PIP_VERSION_CHECK: '1' } });
      expect(r.stderr).toBe('');
      expect(r.ok).toBe(true);
      const parsed = JSON.parse(await fs.readFile(report, 'utf8')) as { install: Array<{ download_info: { url: string; archive_info: { hashes?: { sha256?: string }; hash?: string } }; metadata: { name: string; version: string } }> };
      const got = Object.fromEntries(parsed.install.map((i) => [i.metadata.name, i]));
      expect(Object.keys(got).sort()).toEqual(['fakedep', 'torch', 'torchvision', 'xformers']);
      expect(got.fakedep?.metadata.version).toBe('2.0');
      const torch = findWheel(set, { project: 'torch', version: '2.1.2+cu121', os: 'linux' });
      expect(got.torch?.download_info.url).toBe(server.variantFileUrl('cu121', torch.filename));
      expect(got.torch?.download_info.archive_info.hashes?.sha256).toBe(torch.sha256);
      expect(got.fakedep?.download_info.url).toBe(server.fileUrl(findWheel(set, { project: 'fakedep', version: '2.0' }).filename));
      // PEP 658: pip read the dependencies from the advertised .metadata file.
      expect(server.stats.requests.map((q) => q.path)).toContain(`/whl/cu121/${torch.filename}.metadata`);
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
});
