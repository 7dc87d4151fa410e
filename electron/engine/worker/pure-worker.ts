import { parentPort } from 'node:worker_threads';
import { PURE_CALLS, type PureCallName } from './pure-calls.js';

// The worker thread behind pure-runner.ts: answers { id, name, args } with { id, value } or { id, error }.
parentPort?.on('message', (message: { id: number; name: PureCallName; args: never }) => {
  try {
    const value = PURE_CALLS[message.name](message.args);
    parentPort?.postMessage({ id: message.id, value });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
// Loaded: from here on a failure is the call's, not the worker's start (pure-runner.ts falls back only before this).
parentPort?.postMessage({ ready: true });
