import os from 'node:os';
import { expect, test } from 'vitest';
import { parseLock } from './op-lock.js';
import { currentOwner, ownerRunning, parseProcStatStart } from './pid-alive.js';

test('the start time is field 22 of /proc/<pid>/stat, even when the command name holds spaces and parentheses', () => {
  const rest = 'S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 987654 20 21';
  expect(parseProcStatStart(`1234 (node) ${rest}`)).toBe('987654');
  expect(parseProcStatStart(`1234 (my (odd) proc) ${rest}`)).toBe('987654');
  expect(parseProcStatStart('garbage')).toBeNull();
});

test('an owner on another host, or this very process, is not "another process still running"', () => {
  expect(ownerRunning({ ...currentOwner(), hostname: `${os.hostname()}-other` })).toBe(false);
  expect(ownerRunning(currentOwner())).toBe(false);
});

test('a lock file is read only when it holds a pid, a hostname and a token', () => {
  expect(parseLock('{"pid":12,"hostname":"pc","token":"ab","procStart":"5"}')).toMatchObject({ pid: 12, hostname: 'pc', procStart: '5', threadId: 0 });
  expect(parseLock('')).toBeNull();
  expect(parseLock('{"pid":"12"}')).toBeNull();
});
