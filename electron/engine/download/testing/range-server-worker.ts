import { parentPort, workerData } from 'node:worker_threads';
import { startRangeServer } from './range-server.js';

// The range server in its own thread (own event loop), so a benchmark's client does not share one with it.
const server = await startRangeServer({ root: (workerData as { root: string }).root });
parentPort?.postMessage({ base: server.base });
parentPort?.on('message', (m: unknown) => {
  if (m === 'close') void server.close().then(() => process.exit(0));
});
