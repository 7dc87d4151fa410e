import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { ApiHandlers } from '../../shared/api/contract.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The built renderer folder; builds it with Vite first when dist/renderer/index.html is missing, or older than a
 * source it is built from (renderer/, shared/, resources/locales/), so a test never looks at a stale UI.
 */
export async function ensureRendererBuilt(): Promise<string> {
  const dir = path.join(repoRoot, 'dist', 'renderer');
  const index = path.join(dir, 'index.html');
  const sources = ['renderer', 'shared', path.join('resources', 'locales')].map((d) => path.join(repoRoot, d));
  const stale = !fs.existsSync(index) || Math.max(...sources.map(newestMtime)) > fs.statSync(index).mtimeMs;
  if (stale) {
    await execa('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit', timeout: 170_000 });
  }
  return dir;
}

/** Starts the web host in this process on a free loopback port, serving the built renderer and `handlers`. */
export async function startTestHost(handlers: ApiHandlers): Promise<WebHost> {
  return startWebHost({ handlers, rendererDir: await ensureRendererBuilt() });
}

/** Where e2e screenshots go (git-ignored); made on first use. */
export function screenshotPath(name: string): string {
  const dir = path.join(repoRoot, 'e2e', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
