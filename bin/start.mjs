#!/usr/bin/env node
// `npm start`: opens the Electron app where the Electron runtime exists or can be fetched; otherwise serves the same
// UI with the local web host and prints its URL, saying why.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

/** The Electron binary's path, or why there is none. */
export function electronBinary() {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { why: 'the electron package is not installed (run npm install)' };
  }
  try {
    const bin = require('electron');
    if (typeof bin === 'string' && fs.existsSync(bin)) return { bin };
  } catch {
    // Not downloaded yet: electron's index.js throws "Electron failed to install correctly".
  }
  return { pkgDir, why: 'the Electron runtime has not been downloaded' };
}

/** Fetches the Electron runtime with the electron package's own installer (GitHub, or ELECTRON_MIRROR). */
function downloadElectron(pkgDir) {
  process.stderr.write('Downloading the Electron runtime (once, about 110 MB; set ELECTRON_MIRROR to use a mirror)…\n');
  const r = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], {
    cwd: pkgDir,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  if (r.status === 0) return null;
  const text = `${r.stderr ?? ''}${r.stdout ?? ''}${r.error ? String(r.error) : ''}`;
  const code = /\b(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENETUNREACH)\b/.exec(text)?.[1];
  if (code) return `its download failed: the download server cannot be reached (${code}); set ELECTRON_MIRROR to a mirror that can be, or keep using the web host`;
  if (r.error?.code === 'ETIMEDOUT' || r.signal) return 'its download did not finish within 5 minutes';
  const first = text.split('\n').find((line) => line.trim() !== '') ?? `exit ${r.status}`;
  return `its download failed: ${first.trim()}`;
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function serveWeb(why) {
  process.stderr.write(`Electron is not available here (${why}).\nStarting the TorchLift web host instead — open the URL below in a browser on this machine.\n\n`);
  const { main } = await import(pathToFileURL(path.join(root, 'dist', 'electron', 'cli', 'main.js')).href);
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  const port = process.env.TORCHLIFT_PORT ?? '0';
  process.exitCode = await main(['serve', '--port', port], {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    env: process.env,
    signal: controller.signal,
  });
}

async function start() {
  if (process.env.TORCHLIFT_NO_ELECTRON) return serveWeb('TORCHLIFT_NO_ELECTRON is set');
  if (!hasDisplay()) return serveWeb('this Linux session has no display: neither DISPLAY nor WAYLAND_DISPLAY is set');
  let found = electronBinary();
  if (!found.bin && found.pkgDir) {
    const failed = downloadElectron(found.pkgDir);
    found = failed ? { why: `the Electron runtime is not downloaded and ${failed}` } : electronBinary();
  }
  if (!found.bin) return serveWeb(found.why);
  const child = spawn(found.bin, [root], { stdio: 'inherit', env: process.env });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await start();
