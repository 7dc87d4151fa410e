import { describe, expect, it } from 'vitest';
import { xformersArchFloor, xformersBuiltFor, xformersFor, xformersRelease } from './xformers.js';

describe('xformers queries', () => {
  it('finds the newest exact match for a torch', () => {
    expect(xformersFor('2.1.2+cu121')?.version).toBe('0.0.23.post1');
    expect(xformersFor('2.5.1')?.version).toBe('0.0.29.post1');
    expect(xformersFor('2.3.1', 'cu121', 'windows')?.version).toBe('0.0.27');
    expect(xformersFor('2.0.1')?.version).toBe('0.0.22');
  });
  it('respects Windows availability (0.0.28.x Windows wheels are cu124 only)', () => {
    expect(xformersFor('2.5.1', 'cu121', 'windows')).toBeNull();
    expect(xformersFor('2.5.1', 'cu121', 'linux')?.version).toBe('0.0.29.post1');
    expect(xformersFor('2.5.1', 'cu124', 'windows')?.version).toBe('0.0.29.post1');
    expect(xformersFor('2.6.0', 'cu126', 'windows')?.version).toBe('0.0.29.post3');
  });
  it('uses the stable ABI builds for torch >= 2.10', () => {
    expect(xformersFor('2.10.0', 'cu130', 'windows')?.version).toBe('0.0.35');
    expect(xformersFor('2.11.0', 'cu126')?.version).toBe('0.0.35');
    expect(xformersFor('2.9.1', 'cu130')?.version).toBe('0.0.33.post2');
    expect(xformersFor('2.12.0', 'cu132')).toBeNull();
  });
  it('maps an xformers version back to its torch', () => {
    expect(xformersBuiltFor('0.0.23.post1')).toBe('2.1.2');
    expect(xformersBuiltFor('0.0.20')).toBe('2.0.1');
    expect(xformersBuiltFor('0.0.34')).toBe('2.10.0');
    expect(xformersBuiltFor('0.0.99')).toBeNull();
  });
  it('knows the arch floor, raised on CUDA 13', () => {
    const x = xformersRelease('0.0.33.post2');
    expect(x).not.toBeNull();
    if (x === null) return;
    expect(xformersArchFloor(x, 'cu128')).toBe('7.5');
    expect(xformersArchFloor(x, 'cu130')).toBe('8.0');
  });
});
