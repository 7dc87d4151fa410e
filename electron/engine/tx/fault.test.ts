import { afterEach, expect, test } from 'vitest';
import { armFaultStep, durableStep, durableStepCount } from './fault.js';

// Issue 11: TORCHLIFT_FAULT_STEP made the shipped CLI SIGKILL itself. Now only a test build can arm it (testing/arm-faults.ts).
afterEach(() => {
  delete process.env.TORCHLIFT_FAULT_STEP;
  armFaultStep(null);
});

test('the variable alone arms nothing: durable steps go on (before, this killed the test process)', () => {
  const start = durableStepCount();
  process.env.TORCHLIFT_FAULT_STEP = String(start + 1);
  durableStep('journal:planned');
  process.env.TORCHLIFT_FAULT_STEP = String(start + 2);
  durableStep('placed');
  expect(durableStepCount()).toBe(start + 2);
});

test('arming ignores values that are not step numbers', () => {
  for (const bad of [0, -1, 1.5, Number.NaN]) {
    armFaultStep(bad);
    const before = durableStepCount();
    durableStep('x');
    expect(durableStepCount()).toBe(before + 1);
  }
});
