import { execa } from 'execa';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFailure, run } from './run.js';

describe('run (the one process runner)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-run [&] ラン '));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('passes arguments as an array, untouched by any shell', async () => {
    const odd = ['a b', '&', '[x]', '$(echo no)', '日本語', '"q"'];
    const r = await run(process.execPath, ['-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...odd], { name: 'node' });
    expect(r.ok).toBe(true);
    expect(JSON.parse(r.stdout)).toEqual(odd);
  });

  it('reports a missing program as a spawn error instead of throwing', async () => {
    const r = await run(path.join(dir, 'no-such-tool'), [], { name: 'no-such-tool' });
    expect(r.ok).toBe(false);
    expect(r.spawnError).not.toBeNull();
    expect(describeFailure(r)).toMatch(/could not be started/);
  });

  it('returns at its time limit even when a child keeps the pipes open, and ends that child too', async () => {
    const script = path.join(dir, 'wedged.sh');
    const marker = path.join(dir, 'child.pid');
    await fs.writeFile(script, `#!/bin/sh\nsleep 300 &\necho $! > "${marker}"\nwait\necho never\n`, { mode: 0o755 });
    const r = await run(script, [], { name: 'wedged', timeoutMs: 300 });
    expect(r.ok).toBe(false);
    expect(r.timedOut).toBe(true);
    const childPid = Number((await fs.readFile(marker, 'utf8')).trim());
    // The grandchild that held stdout must not outlive the run.
    await expect.poll(async () => (await execa('kill', ['-0', String(childPid)], { reject: false })).exitCode, { timeout: 5_000 }).not.toBe(0);
  }, 20_000);

  it('counts only the allowed exit codes as success', async () => {
    const r = await run(process.execPath, ['-e', 'process.exit(2)'], { name: 'node', successExitCodes: [0, 2] });
    expect(r.ok).toBe(true);
    expect(r.exitCode).toBe(2);
  });
});

describe('run: process trees and crashes (issue 11)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-run-tree-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  const alive = async (pid: number): Promise<boolean> => (await execa('kill', ['-0', String(pid)], { reject: false })).exitCode === 0;

  it('a timeout ends a child whose pipes are closed (exec 1>&- 2>&-; sleep 200)', async () => {
    const script = path.join(dir, 'closes-pipes.sh');
    const marker = path.join(dir, 'orphan.pid');
    await fs.writeFile(script, `#!/bin/sh\nexec 1>&- 2>&-\nsleep 200 &\necho $! > "${marker}"\nsleep 200\n`, { mode: 0o755 });
    const r = await run(script, [], { name: 'closes-pipes', timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    const orphan = Number((await fs.readFile(marker, 'utf8')).trim());
    await expect.poll(() => alive(orphan), { timeout: 5_000 }).toBe(false);
  }, 20_000);

  it('a program killed by a signal is reported as a crash, not as "could not be started"', async () => {
    const r = await run(process.execPath, ['-e', 'process.kill(process.pid, "SIGSEGV")'], { name: 'nvidia-smi' });
    expect(r.ok).toBe(false);
    expect(r.signal).toBe('SIGSEGV');
    expect(r.spawnError).toBeNull();
    expect(describeFailure(r)).toBe('nvidia-smi crashed (SIGSEGV)');
  });

  it('output beyond maxOutputBytes stops the program and is cut', async () => {
    const r = await run(process.execPath, ['-e', 'const b = "x".repeat(65536); (function w() { while (process.stdout.write(b)); process.stdout.once("drain", w); })()'], { name: 'flood', maxOutputBytes: 1 << 20 });
    expect(r.ok).toBe(false);
    expect(r.outputCapped).toBe(true);
    expect(r.spawnError).toBeNull();
    expect(r.stdout.length).toBeLessThanOrEqual(1 << 20);
  }, 20_000);
});
