#!/usr/bin/env node
// `npm test`: build, lint, typecheck, then every test tier (unit, integration, e2e) in one Vitest run.
// Prints a closing "N passed, N failed" line and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const steps = [
  ['build', 'npm', ['run', 'build']],
  ['lint', npx, ['eslint', '.']],
  ['typecheck', 'npm', ['run', 'typecheck']],
];
for (const [name, cmd, args] of steps) {
  process.stderr.write(`\n== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`\n${name} failed (exit ${r.status}).\n0 passed, 1 failed\n`);
    process.exit(1);
  }
}
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tl-test-')), 'vitest.json');
const extra = process.argv.slice(2);
process.stderr.write('\n== tests: vitest run (unit, integration, e2e)\n');
const r = spawnSync(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], { cwd: root, stdio: 'inherit' });
let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
if (r.status !== 0 && failed === 0) failed = 1;
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(r.status === 0 && failed === 0 ? 0 : 1);
