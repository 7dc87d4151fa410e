import fs from 'node:fs';
import { expect, test } from 'vitest';
import { formatFuzzReport, runFuzz } from './run-fuzz.js';
import { FUZZ_TARGETS } from './targets.js';

// Issue 11, "keep it proven": every parser and the doctor on mutated real samples and on worst-case shapes, each call
// under a time and a heap ceiling, with a fixed seed. `npm test` runs the bounded version; `npm run fuzz` (bin/fuzz.mjs)
// sets TORCHLIFT_FUZZ_INPUTS / _SIZE / _SEED for a larger run and prints the report.
const env = process.env;
const large = env.TORCHLIFT_FUZZ_INPUTS !== undefined;

test('no input crashes a parser or the doctor, or takes them past a ceiling', () => {
  const report = runFuzz({
    seed: Number(env.TORCHLIFT_FUZZ_SEED ?? 20261205),
    inputs: Number(env.TORCHLIFT_FUZZ_INPUTS ?? 160),
    worstSize: Number(env.TORCHLIFT_FUZZ_SIZE ?? 200_000),
    // Generous ceilings (a shared 2-core machine): the defects they catch took minutes (830 s for 2 MB of GPU lines).
    timeCeilingMs: 5_000,
    worstTimeCeilingMs: 20_000,
    heapCeilingBytes: 512 * 2 ** 20,
  });
  const text = formatFuzzReport(report);
  if (env.TORCHLIFT_FUZZ_REPORT) fs.writeFileSync(env.TORCHLIFT_FUZZ_REPORT, `${JSON.stringify(report, null, 2)}\n`);
  if (large) process.stderr.write(`${text}\n`);
  expect(report.inputsTried).toBeGreaterThan(large ? 0 : 3000);
  expect(report.crashes, text).toEqual([]);
  expect(report.overCeiling, text).toEqual([]);
}, large ? 24 * 3600_000 : 300_000);

test('the 2 MB pastes of repeated GPU lines and warnings (830 s before) finish under the ceiling', () => {
  const doctor = FUZZ_TARGETS.filter((t) => t.name.startsWith('doctor'));
  const report = runFuzz({ seed: 1, inputs: 0, worstSize: 2_000_000, timeCeilingMs: 5_000, worstTimeCeilingMs: 20_000, heapCeilingBytes: 1024 * 2 ** 20, shapes: /repeated|many distinct GPU/ }, doctor);
  expect(report.inputsTried).toBe(doctor.length * 3);
  expect(report.crashes, formatFuzzReport(report)).toEqual([]);
  expect(report.overCeiling, formatFuzzReport(report)).toEqual([]);
}, 600_000);
