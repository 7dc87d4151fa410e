import { build } from 'esbuild';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is electron/engine/tx/testing/). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * Bundles a TypeScript driver script (a child process for crash tests) into one .mjs under `e2e/.tmp/` — inside the
 * repository, so the native packages left external (xxh3, lzma) resolve from its node_modules. Returns the file and
 * a cleanup.
 */
export async function bundleDriver(entry: string): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const base = path.join(ROOT, 'e2e', '.tmp');
  await fs.mkdir(base, { recursive: true });
  const dir = await fs.mkdtemp(path.join(base, 'driver-'));
  const file = path.join(dir, `${path.basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: file, logLevel: 'silent',
    external: ['@node-rs/*', '@napi-rs/*'],
    // Bundled CommonJS dependencies (execa's) call require(): give the ESM bundle one.
    banner: { js: "import { createRequire as __tlRequire } from 'node:module'; const require = __tlRequire(import.meta.url);" },
  });
  return { file, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}
