import { expect, test } from 'vitest';
import { speedupText, workloadChange } from './verify.js';

test('judges the timed workload once: faster / slower by a ratio, the same within 10%, not measured without both', () => {
  expect(workloadChange(412, 229)).toEqual({ kind: 'faster', ratio: 1.8 });
  expect(workloadChange(100, 130)).toEqual({ kind: 'slower', ratio: 1.3 });
  expect(workloadChange(100, 97)).toEqual({ kind: 'same', ratio: null });
  expect(workloadChange(100, 108)).toEqual({ kind: 'same', ratio: null });
  expect(workloadChange(100, null)).toEqual({ kind: 'not-measured', ratio: null });
  expect(workloadChange(0, 5)).toEqual({ kind: 'not-measured', ratio: null });
  // The English words for the journal say the same.
  expect(speedupText(412, 229)).toBe('1.8× faster');
  expect(speedupText(100, 130)).toBe('1.3× slower');
  expect(speedupText(100, 97)).toBe('no measurable change');
  expect(speedupText(null, 5)).toBe('could not be measured');
});
