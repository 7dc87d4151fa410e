import { describe, expect, expectTypeOf, it } from 'vitest';
import { API_CALLS, type ApiCallName } from './calls.js';
import { apiContract } from './contract.js';

describe('API contract', () => {
  it('has exactly one schema pair per call name, and no extra', () => {
    expect(Object.keys(apiContract).sort()).toEqual([...API_CALLS].sort());
    expectTypeOf<keyof typeof apiContract>().toEqualTypeOf<ApiCallName>();
  });

  it('fills defaults for detect input so hosts can pass {}', () => {
    expect(apiContract.detect.input.parse({})).toEqual({ apps: [], probe: true });
  });
});
