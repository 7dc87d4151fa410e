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
