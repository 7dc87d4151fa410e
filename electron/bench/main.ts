import { benchDetect } from './detect-bench.js';
import { benchDllSwap } from './dll-swap.js';

// `npm run bench`: every speed and memory target, each as a ratio against a baseline measured in the same run.
const log = (s: string) => process.stderr.write(`${s}\n`);
const lines: string[] = [];
lines.push('== Detection (issue: foundation)');
lines.push(...(await benchDetect(log)));
const swap = await benchDllSwap({ log, scale: Number(process.env.TORCHLIFT_BENCH_SCALE ?? '1') });
lines.push('== DLL swap (issue 4)', JSON.stringify(swap));
process.stdout.write(`\n${lines.join('\n')}\n`);
