import { benchDetect } from './detect-bench.js';

// `npm run bench`: every speed and memory target, each as a ratio against a baseline measured in the same run.
const log = (s: string) => process.stderr.write(`${s}\n`);
const lines: string[] = [];
lines.push('== Detection (issue: foundation)');
lines.push(...(await benchDetect(log)));
process.stdout.write(`\n${lines.join('\n')}\n`);
