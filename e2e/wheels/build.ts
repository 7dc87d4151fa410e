import { createHash } from 'node:crypto';
import { promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAKE_PYTHON_DIR } from '../fake-torch/index.js';
import { resolvePython } from '../scenarios/fake-venv.js';
import { defaultCatalog, wheelContent, wheelTag, type CatalogOptions, type WheelOs, type WheelSpec } from './catalog.js';
import { buildWheel } from './wheel.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The git-ignored scratch folder of the e2e helpers (`e2e/.tmp`). */
export const E2E_TMP = path.join(HERE, '..', '.tmp');

/** One wheel file on disk with what an index says about it. */
export interface WheelFile {
  filename: string;
  /** Absolute path of the file. */
  path: string;
  project: string;
  version: string;
  /** Wheel tag, e.g. "cp311-cp311-linux_x86_64". */
  tag: string;
  /** "cp311", "cp39", "py3". */
  python: string;
  os: WheelOs | null;
  size: number;
  /** Hex sha256 of the file. */
  sha256: string;
  /** Hex sha256 of `<filename>.metadata` (the wheel's METADATA, PEP 658), which lies beside the wheel. */
  metadataSha256: string;
  requiresPython: string | null;
  requiresDist: string[];
  variants: string[];
  pypi: boolean;
}

/** A built set of wheels in one folder. */
export interface WheelSet {
  dir: string;
  /** platform.python_version() the binary wheels target (their cp3XX tag and xformers' build info). */
  pythonVersion: string;
  wheels: WheelFile[];
}

/** Options for buildWheelSet: the catalogue (default: defaultCatalog) and build tweaks. */
export interface WheelSetOptions extends Partial<CatalogOptions> {
  /** The interpreter whose version the wheels target (default python3). */
  python?: string;
  specs?: WheelSpec[];
  /** Where built sets are cached (default e2e/.tmp/wheels). */
  cacheDir?: string;
}

/** Text of every source that shapes the wheels, so the cache key changes when any of them does. */
function sourcesDigest(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '__pycache__' || name.startsWith('.')) continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(py|ts)$/.test(name) && !name.endsWith('.test.ts')) h.update(full.slice(HERE.length)).update(readFileSync(full));
    }
  };
  walk(FAKE_PYTHON_DIR);
  for (const f of ['wheel.ts', 'catalog.ts', 'build.ts']) h.update(readFileSync(path.join(HERE, f)));
  for (const f of readdirSync(path.join(HERE, '..', 'fake-torch')).sort()) {
    if (f.endsWith('.ts')) h.update(readFileSync(path.join(HERE, '..', 'fake-torch', f)));
  }
  return h.digest('hex');
}

/**
 * Removes entries of a cache folder other than `keep` that were not touched for `maxAgeMs` (default 6 h): sets and
 * venvs of older sources, and temp folders of crashed runs. Best effort: a busy or vanished entry is skipped.
 */
export async function pruneCache(dir: string, keep: string, maxAgeMs = 6 * 3600_000): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  await Promise.all(names.filter((n) => n !== keep).map(async (n) => {
    const full = path.join(dir, n);
    const st = await fs.stat(full).catch(() => null);
    if (st && now - st.mtimeMs > maxAgeMs) await fs.rm(full, { recursive: true, force: true }).catch(() => undefined);
  }));
}

const built = new Map<string, Promise<WheelSet>>();

/**
 * Builds the wheels (seconds) or reuses a set built earlier with the same sources and options: once per process,
 * and across processes through `e2e/.tmp/wheels/<key>/` (written to a temp folder, then renamed into place).
 */
export function buildWheelSet(opts: WheelSetOptions = {}): Promise<WheelSet> {
  const run = async (): Promise<WheelSet> => {
    const real = await resolvePython(opts.python);
    const catalog: CatalogOptions = { pythonVersion: real.version, ...(opts.torchLibBytes !== undefined ? { torchLibBytes: opts.torchLibBytes } : {}),
      ...(opts.strictXformers !== undefined ? { strictXformers: opts.strictXformers } : {}) };
    const specs = opts.specs ?? defaultCatalog(real.version);
    const key = createHash('sha256').update(sourcesDigest()).update(JSON.stringify({ catalog, specs })).digest('hex').slice(0, 16);
    const cacheDir = opts.cacheDir ?? path.join(E2E_TMP, 'wheels');
    const dir = path.join(cacheDir, key);
    const manifest = path.join(dir, 'wheels.json');
    const cached = await fs.readFile(manifest, 'utf8').then((t) => JSON.parse(t) as WheelSet, () => null);
    if (cached) {
      const now = new Date();
      await fs.utimes(dir, now, now).catch(() => undefined); // in use: pruneCache leaves it alone
      return { ...cached, dir, wheels: cached.wheels.map((w) => ({ ...w, path: path.join(dir, w.filename) })) };
    }
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    await fs.mkdir(tmp, { recursive: true });
    const wheels: WheelFile[] = [];
    for (const spec of specs) {
      const { meta, files } = wheelContent(spec, catalog);
      const w = await buildWheel(meta, files);
      await fs.writeFile(path.join(tmp, w.filename), w.bytes);
      await fs.writeFile(path.join(tmp, `${w.filename}.metadata`), w.metadata);
      wheels.push({ filename: w.filename, path: path.join(dir, w.filename), project: spec.project, version: spec.version, tag: wheelTag(spec),
        python: spec.python, os: spec.os, size: w.bytes.length, sha256: w.sha256,
        metadataSha256: createHash('sha256').update(w.metadata).digest('hex'), requiresPython: spec.requiresPython ?? null,
        requiresDist: [...spec.requiresDist], variants: [...spec.variants], pypi: spec.pypi });
    }
    const set: WheelSet = { dir, pythonVersion: real.version, wheels };
    await pruneCache(cacheDir, key);
    await fs.writeFile(path.join(tmp, 'wheels.json'), `${JSON.stringify(set, null, 1)}\n`);
    try {
      await fs.rename(tmp, dir);
    } catch {
      // Another process got there first with the same key (same bytes): use theirs.
      await fs.rm(tmp, { recursive: true, force: true });
    }
    return set;
  };
  const memoKey = JSON.stringify(opts);
  let found = built.get(memoKey);
  if (!found) {
    found = run();
    built.set(memoKey, found);
  }
  return found;
}

/** The wheel of `project` `version` for a Python tag and OS; throws (a test bug) when the set has none. */
export function findWheel(set: WheelSet, q: { project: string; version: string; os?: WheelOs | null; python?: string }): WheelFile {
  const hit = set.wheels.find((w) => w.project === q.project && w.version === q.version
    && (q.os === undefined || w.os === q.os || w.os === null) && (q.python === undefined || w.python === q.python || w.python === 'py3'));
  if (!hit) throw new Error(`test wheels: no ${q.project} ${q.version}${q.os ? ` for ${q.os}` : ''}${q.python ? ` ${q.python}` : ''} in ${set.dir}`);
  return hit;
}
