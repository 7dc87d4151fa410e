import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { download } from '../engine/download/download.js';
import { run } from '../engine/process/run.js';
import { median, timeInterleaved } from './stats.js';

/** What the download bench measured (medians), with the target: TorchLift's downloader ≥ 0.9× curl's throughput. */
export interface DownloadBench {
  bytes: number;
  rounds: number;
  curlMs: number;
  downloadMs: number;
  /** Throughput of ours / curl's (higher is better). */
  throughputRatio: number;
  target: { throughputRatio: 0.9 };
}

/**
 * Downloads one file from a local HTTP server (in its own thread) with `download()` — sha256 verified, written to the
 * cache, fsynced — and with `curl -o` of the same URL, interleaved round after round. `scale` shrinks the 512 MiB file.
 */
export async function benchDownload(opts: { scale?: number; rounds?: number; log?: (line: string) => void } = {}): Promise<{ result: DownloadBench; lines: string[] }> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-bench-download-'));
  const served = path.join(root, 'served');
  await fs.mkdir(served);
  const bytes = Math.max(1024 * 1024, Math.round(512 * 1024 * 1024 * (opts.scale ?? 1)));
  const file = path.join(served, 'payload.bin');
  const hash = createHash('sha256');
  const handle = await fs.open(file, 'w');
  const block = Buffer.alloc(8 * 1024 * 1024);
  for (let done = 0; done < bytes; done += block.length) {
    for (let i = 0; i < block.length; i += 4) block.writeUInt32LE(((done + i) ^ 0x9e3779b9) >>> 0, i);
    const piece = block.subarray(0, Math.min(block.length, bytes - done));
    hash.update(piece);
    await handle.write(piece);
  }
  await handle.close();
  const sha256 = hash.digest('hex');
  const worker = new Worker(new URL('../engine/download/testing/range-server-worker.js', import.meta.url), { workerData: { root: served } });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      worker.once('message', (m: { base: string }) => resolve(m.base));
      worker.once('error', reject);
    });
    const url = `${base}/payload.bin`;
    const rounds = Math.max(1, opts.rounds ?? 3);
    log(`bench download: ${(bytes / 1024 / 1024).toFixed(0)} MiB from ${base}, ${rounds} round(s), ${os.cpus().length} CPU(s)`);
    let n = 0;
    const curl = async (): Promise<void> => {
      const out = path.join(root, `curl-${n++}.bin`);
      const r = await run('curl', ['-sS', '-f', '-o', out, url], { name: 'curl', timeoutMs: 600_000 });
      if (!r.ok) throw new Error(`curl failed: ${r.stderr}`);
      await fs.rm(out, { force: true });
    };
    const ours = async (): Promise<void> => {
      const cacheDir = path.join(root, `cache-${n++}`);
      const r = await download({ url, cacheDir, expected: { sha256, bytes } });
      if (r.fromCache || r.sha256 !== sha256) throw new Error('download bench: unexpected result');
      await fs.rm(cacheDir, { recursive: true, force: true });
    };
    const [curlRuns, oursRuns] = await timeInterleaved(rounds, [curl, ours]);
    const curlMs = median(curlRuns!);
    const downloadMs = median(oursRuns!);
    const throughputRatio = curlMs / downloadMs;
    const mibs = (ms: number) => (bytes / 1024 / 1024 / (ms / 1000)).toFixed(0);
    const result: DownloadBench = { bytes, rounds, curlMs: Math.round(curlMs), downloadMs: Math.round(downloadMs), throughputRatio: Math.round(throughputRatio * 1000) / 1000, target: { throughputRatio: 0.9 } };
    const lines = [
      `${throughputRatio >= 0.9 ? 'OK  ' : 'MISS'} ${'download (sha256 verified, cached, fsynced) vs curl -o: throughput'.padEnd(58)} ${throughputRatio.toFixed(3)}×  (target ≥ 0.9×; ${mibs(downloadMs)} MiB/s vs ${mibs(curlMs)} MiB/s)`,
    ];
    return { result, lines };
  } finally {
    worker.postMessage('close');
    await new Promise((resolve) => worker.once('exit', resolve));
    await fs.rm(root, { recursive: true, force: true });
  }
}
