import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Platform } from '../../../../shared/schemas/detect.js';
import { pipEnv, type PinnedPackage, type PipSource } from '../../commands/pip.js';
import { resolutionCommand } from './commands.js';
import { DownloadError } from '../../download/index.js';
import { run } from '../../process/run.js';
import { startWheelGate } from './gate.js';

/** One distribution pip would install, as its `--report` says. */
export interface Resolved {
  name: string;
  version: string;
  url: string;
  sha256: string | null;
  requested: boolean;
}

/** The resolution, or pip's own words when it found none. */
export type Resolution = { ok: true; items: Resolved[] } | { ok: false; kind: 'no-match' | 'conflict' | 'pip-too-old' | 'failed' | 'checksum'; message: string };

/** pip's version in this interpreter ("23.2.1"), or null when pip cannot run. */
export async function pipVersion(python: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const r = await run(python, ['-m', 'pip', '--version'], { name: 'pip --version', env: pipEnv(env, os.devNull), timeoutMs: 60_000 });
  return /^pip (\d+(?:\.\d+)*)/m.exec(r.stdout)?.[1] ?? null;
}

/**
 * Asks the install's own pip what it would install for these pins (`--dry-run --report`, pip ≥ 22.2): every
 * distribution with its URL and the index's sha256. Binary wheels only; the user's pip configuration cannot redirect
 * it. Nothing is installed.
 */
export async function resolveWithPip(args: { python: string; platform: Platform; pins: PinnedPackage[]; source: PipSource; env: NodeJS.ProcessEnv; cacheDir: string }): Promise<Resolution> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'torchlift-resolve-'));
  // pip reaches the network only through the gate: its wheel fetches land in TorchLift's verified cache.
  const gate = args.source.kind === 'local' ? null : await startWheelGate({ cacheDir: args.cacheDir });
  try {
    const report = path.join(dir, 'report.json');
    const source: PipSource = gate === null || args.source.kind === 'local' ? args.source : {
      ...args.source, url: gate.url(args.source.url), extraIndexUrls: (args.source.extraIndexUrls ?? []).map((u) => gate.url(u)),
    };
    const cmd = resolutionCommand({ python: args.python, platform: args.platform, pins: args.pins, source, report });
    const r = await run(cmd.file, cmd.args, { name: 'pip (resolve)', env: pipEnv(args.env, os.devNull), timeoutMs: 10 * 60_000 });
    const bad = gate?.failures[0];
    if (bad) {
      const message = bad.error instanceof Error ? bad.error.message : String(bad.error);
      return { ok: false, kind: bad.error instanceof DownloadError && bad.error.code === 'checksum-mismatch' ? 'checksum' : 'failed', message: `${bad.url}: ${message}` };
    }
    if (!r.ok) return failure(`${r.stderr}\n${r.stdout}`);
    const parsed = JSON.parse(await fs.readFile(report, 'utf8')) as { install?: unknown[] };
    const items = (parsed.install ?? []).flatMap(toResolved);
    return { ok: true, items: items.map((i) => ({ ...i, url: gate === null ? i.url : gate.upstream(i.url) })) };
  } catch (error) {
    return { ok: false, kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  } finally {
    await gate?.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function toResolved(entry: unknown): Resolved[] {
  const e = entry as { metadata?: { name?: string; version?: string }; download_info?: { url?: string; archive_info?: { hash?: string; hashes?: Record<string, string> } }; requested?: boolean };
  const name = e.metadata?.name;
  const version = e.metadata?.version;
  const url = e.download_info?.url;
  if (!name || !version || !url) return [];
  const info = e.download_info?.archive_info;
  const sha = info?.hashes?.sha256 ?? (info?.hash?.startsWith('sha256=') ? info.hash.slice(7) : null);
  return [{ name, version, url, sha256: sha ?? null, requested: e.requested === true }];
}

/** pip's failure in one plain line, sorted into the kinds a refusal distinguishes. */
export function failure(output: string): Resolution {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const pick = (re: RegExp): string | undefined => lines.find((l) => re.test(l));
  const noMatch = pick(/Could not find a version that satisfies|No matching distribution found/i);
  if (noMatch) return { ok: false, kind: 'no-match', message: noMatch.replace(/^ERROR:\s*/, '') };
  const conflict = pick(/ResolutionImpossible|conflicting dependencies|depends on/i);
  if (conflict) return { ok: false, kind: 'conflict', message: conflict.replace(/^ERROR:\s*/, '') };
  if (/no such option: --(report|dry-run)/i.test(output)) return { ok: false, kind: 'pip-too-old', message: pick(/no such option/i) ?? '' };
  return { ok: false, kind: 'failed', message: (pick(/^ERROR:/) ?? lines.at(-1) ?? 'pip failed').replace(/^ERROR:\s*/, '').slice(0, 500) };
}
