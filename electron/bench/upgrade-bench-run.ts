import { benchUpgrade } from './upgrade-bench.js';

// Run from the sources (`npx vite-node electron/bench/upgrade-bench-run.ts`) by `npm run bench`: the upgrade bench uses
// the test wheels and index (e2e/wheels), which are not part of the built app. Prints its lines, then its JSON.
const rounds = Number(process.env.TORCHLIFT_BENCH_ROUNDS ?? '3');
const up = await benchUpgrade({ rounds });
process.stdout.write(`${up.lines.join('\n')}\n${JSON.stringify(up.result)}\n`);
