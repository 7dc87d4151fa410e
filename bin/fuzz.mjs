#!/usr/bin/env node
// `npm run fuzz`: the fuzz suite of `npm test` at a larger size. Every parser and the doctor on mutated real samples
// and worst-case shapes, each call under a time and heap ceiling. Prints inputs tried, crashes, the slowest input and
// peak memory; exits non-zero on any crash or ceiling broken.
//   npm run fuzz -- [--inputs N] [--size CHARS] [--seed N]   (defaults: 3000 inputs, 2,000,000-character shapes)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({ options: { inputs: { type: 'string', default: '3000' }, size: { type: 'string', default: '2000000' }, seed: { type: 'string', default: String(Date.now() % 1e9) } } });
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tl-fuzz-')), 'report.json');
const env = { ...process.env, TORCHLIFT_FUZZ_INPUTS: values.inputs, TORCHLIFT_FUZZ_SIZE: values.size, TORCHLIFT_FUZZ_SEED: values.seed, TORCHLIFT_FUZZ_REPORT: report };
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
process.stderr.write(`fuzz: ${values.inputs} mutated inputs × every target, worst cases of ${values.size} characters, seed ${values.seed}\n`);
const r = spawnSync(npx, ['vitest', 'run', '--project', 'unit', 'electron/testing/fuzz/fuzz.test.ts', '-t', 'no input crashes'], { cwd: root, stdio: 'inherit', env });
if (fs.existsSync(report)) {
  const data = JSON.parse(fs.readFileSync(report, 'utf8'));
  const mib = (b) => `${Math.round(b / 2 ** 20)} MiB`;
  process.stdout.write([
    '',
    `inputs tried:  ${data.inputsTried} (seed ${data.seed}, ${(data.totalMs / 1000).toFixed(1)} s)`,
    `crashes:       ${data.crashes.length}`,
    `over ceiling:  ${data.overCeiling.length}`,
    `slowest input: ${data.slowest.target} on ${data.slowest.input} (${data.slowest.chars} characters): ${data.slowest.ms} ms`,
    `peak memory:   ${mib(data.peakRssBytes)} RSS; largest heap growth by one call ${mib(data.peakHeapGrowthBytes)}`,
    `report:        ${report}`,
    '',
  ].join('\n'));
}
process.exit(r.status ?? 1);
