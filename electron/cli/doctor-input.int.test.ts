import { spawnSync } from 'node:child_process';
import { execa } from 'execa';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';

/** True when a text holds a control character other than newline and tab (escape sequences start with one). */
const hasControl = (text: string): boolean => [...text].some((c) => {
  const n = c.codePointAt(0) ?? 0;
  return (n < 32 && n !== 10 && n !== 9) || (n >= 0x7f && n <= 0x9f);
});

// Issue 11, defect 6 (doctor read without limits) and the ANSI part of defect 8: limits apply while reading, special
// files are refused without reading, over-limit input gets the JSON error and exit 2, never a stack trace.

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(repo, 'bin', 'torchlift');
let dir = '';
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'tl-doctor-input [&] '));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (s) => void (stdout += s), err: (s) => void (stderr += s), env: { ...process.env, TORCHLIFT_DATA_DIR: path.join(dir, 'data') } });
  return { code, stdout, stderr };
}

describe('doctor input bounds', () => {
  it('refuses a file over the limit with the JSON error and exit 2', async () => {
    const big = path.join(dir, 'big.log');
    await fsp.writeFile(big, 'x'.repeat(7_000_000));
    const r = await cli(['doctor', big, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'input-too-large', message: expect.stringContaining(big) } });
    expect(r.stderr).toMatch(/larger than the doctor reads/);
  });

  it('refuses /dev/zero, /dev/urandom and a FIFO without a writer, without reading them', async () => {
    const fifo = path.join(dir, 'pipe');
    await execa('mkfifo', [fifo]);
    for (const special of ['/dev/zero', '/dev/urandom', fifo]) {
      const r = await cli(['doctor', special, '--json']);
      expect(r.code, special).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'input-not-a-file' } });
    }
  });

  it('text mode never passes escape sequences from tool output or the input to the terminal', async () => {
    const smi = path.join(dir, 'nvidia-smi');
    await fsp.writeFile(smi, `#!/bin/sh\nprintf '\\033]0;owned\\007\\033[2J\\033[31mNVML: something odd\\033[0m\\n' >&2\nexit 9\n`, { mode: 0o755 });
    let stdout = '';
    let stderr = '';
    const env = { ...process.env, TORCHLIFT_DATA_DIR: path.join(dir, 'data'), TORCHLIFT_NVIDIA_SMI: smi, TORCHLIFT_SEARCH_ROOTS: dir };
    const code = await main(['detect', '--no-probe'], { out: (s) => void (stdout += s), err: (s) => void (stderr += s), env });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/NVML: something odd/);
    expect(hasControl(stdout)).toBe(false);
    const log = path.join(dir, 'ansi.log');
    await fsp.writeFile(log, '\u001b]0;owned\u0007\u001b[31mNVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current PyTorch installation.\u001b[0m\n');
    const r = await cli(['doctor', log]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/RTX 5090/);
    expect(hasControl(r.stdout)).toBe(false);
  });

  it('the built CLI: a 50 MB standard input and /dev/zero as standard input give the JSON error and exit 2', async () => {
    const flood = await execa(bin, ['doctor', '-', '--json'], { input: 'GPU 0: Quadro RTX 6000\n'.repeat(2_300_000), reject: false, env: { TORCHLIFT_DATA_DIR: path.join(dir, 'data') } });
    expect(flood.exitCode).toBe(2);
    expect(JSON.parse(flood.stdout)).toMatchObject({ error: { code: 'input-too-large' } });
    expect(flood.stderr).not.toMatch(/\n\s+at /);
    // The device itself as standard input (a file descriptor, not a pipe fed from it): refused without reading.
    const fd = fs.openSync('/dev/zero', 'r');
    const zero = (() => {
      try {
        const r = spawnSync(bin, ['doctor', '-', '--json'], { stdio: [fd, 'pipe', 'pipe'], timeout: 20_000, encoding: 'utf8', env: { ...process.env, TORCHLIFT_DATA_DIR: path.join(dir, 'data') } });
        return { exitCode: r.status, stdout: r.stdout };
      } finally {
        fs.closeSync(fd);
      }
    })();
    expect(zero.exitCode).toBe(2);
    expect(JSON.parse(zero.stdout)).toMatchObject({ error: { code: 'input-not-a-file' } });
  }, 60_000);
});
