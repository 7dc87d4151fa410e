/**
 * The hash worker's code, as a string run with `new Worker(code, { eval: true })`: no separate file to find at
 * run time (vitest runs .ts sources, the fault test bundles the engine into one file, Electron packs an asar).
 * Each message `{ id, file }` is answered with `{ id, bytes, sha256 }` or `{ id, error }`, plus `{ id, progress }`
 * every 64 MiB. Reads with blocking 4 MiB reads in the worker's own thread (not the shared libuv pool), one
 * buffer per worker: never a whole file in memory.
 */
export const HASH_WORKER_CODE = String.raw`
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const CHUNK = 4 * 1024 * 1024;
const REPORT = 64 * 1024 * 1024;
const buffer = Buffer.allocUnsafe(CHUNK);
parentPort.on('message', ({ id, file }) => {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    const hash = createHash('sha256');
    let position = 0;
    let reported = 0;
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, CHUNK, position);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      position += read;
      if (position - reported >= REPORT) {
        reported = position;
        parentPort.postMessage({ id, progress: position });
      }
    }
    parentPort.postMessage({ id, bytes: position, sha256: hash.digest('hex') });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code, path: error && error.path } });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
});
`;
