#!/usr/bin/env node
// `npm start`: opens the Electron app where the Electron binary exists; otherwise serves the same UI with the
// local web host and prints its URL, saying why.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function electronBinary() {
  try {
    const mod = await import('electron');
    const bin = mod.default;
    return typeof bin === 'string' ? { bin } : { why: 'the electron package did not name a binary' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/failed to install correctly/i.test(message)) {
      return { why: 'the Electron runtime was not downloaded — npm install fetches it from GitHub unless ELECTRON_SKIP_BINARY_DOWNLOAD is set; reinstall the electron package where GitHub is reachable to get the desktop window' };
    }
    return { why: message };
  }
}

const found = await electronBinary();
if (found.bin && !process.env.TORCHLIFT_NO_ELECTRON) {
  const child = spawn(found.bin, [root], { stdio: 'inherit', env: process.env });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = found.why ?? 'TORCHLIFT_NO_ELECTRON is set';
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
