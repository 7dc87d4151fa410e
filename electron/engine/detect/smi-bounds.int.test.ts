import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectGpuDriver } from './gpu-driver.js';
import { cleanEnv, makeTempRoot } from './testing/tree.js';

/** True when a text holds a control character other than newline and tab (escape sequences start with one). */
const hasControl = (text: string): boolean => [...text].some((c) => {
  const n = c.codePointAt(0) ?? 0;
  return (n < 32 && n !== 10 && n !== 9) || (n >= 0x7f && n <= 0x9f);
});

// Issue 11, defect 5: nvidia-smi output had no bounds (a 100 MB first line went whole into driver.message, 200k CSV
// rows took minutes, a 5 MB GPU name passed through unmarked, escape sequences reached the terminal).

/** A fake nvidia-smi in Node (fast at printing megabytes): `body` is the JS that writes its answer. */
function fakeSmi(body: string): string {
  return `#!${process.execPath}\nconst args = process.argv.slice(2).join(' ');\nconst out = (s) => new Promise((r) => process.stdout.write(s, r));\n${body}\n`;
}

describe('nvidia-smi output bounds', () => {
  let root = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => ({ root, cleanup } = await makeTempRoot()));
  afterAll(() => cleanup());

  const detectWith = async (name: string, body: string) => {
    const smi = path.join(root, name);
    await fs.writeFile(smi, fakeSmi(body), { mode: 0o755 });
    return detectGpuDriver({ env: cleanEnv({ TORCHLIFT_NVIDIA_SMI: smi }), platform: 'linux' });
  };

  it('200,000 CSV rows: at most 64 GPUs are kept', async () => {
    const r = await detectWith('many-rows', `
      const rows = [];
      for (let i = 0; i < 200000; i++) rows.push(i + ', NVIDIA GeForce RTX 4090, 560.35.03, 24564, 8.9');
      await out(rows.join('\\n') + '\\n');`);
    expect(r.driver.version).toBe('560.35.03');
    expect(r.gpus.length).toBe(64);
    expect(r.gpus[63]).toMatchObject({ index: 63, name: 'NVIDIA GeForce RTX 4090', computeCapability: '8.9' });
  }, 60_000);

  it('a 5 MB GPU name with escape sequences is cut with a marker and cleaned', async () => {
    const r = await detectWith('long-name', `
      const name = 'NVIDIA \\u001b[31mGeForce\\u001b[0m RTX 4090\\u0007' + 'x'.repeat(5 * 1024 * 1024);
      await out('0, ' + name + ', 560.35.03, 24564, 8.9\\n');`);
    const name = r.gpus[0]?.name ?? '';
    expect(name.startsWith('NVIDIA GeForce RTX 4090xxx')).toBe(true);
    expect(name).toMatch(/… \[cut: \d+ characters\]$/);
    expect(name.length).toBeLessThan(400);
    expect(hasControl(name)).toBe(false);
  }, 60_000);

  it('a huge first line does not go whole into driver.message; escapes are stripped', async () => {
    const small = await detectWith('ansi-line', `process.stderr.write('\\u001b]0;pwned\\u0007\\u001b[2JNVML: something odd happened\\n'); process.exitCode = 9;`);
    expect(small.driver.status).toBe('unknown');
    expect(small.driver.message).toContain('NVML: something odd happened');
    expect(hasControl(small.driver.message)).toBe(false);
    const huge = await detectWith('huge-line', `await out('E'.repeat(3 * 1024 * 1024)); process.exitCode = 9;`);
    expect(huge.driver.status).toBe('unknown');
    expect(huge.driver.message.length).toBeLessThan(600);
    expect(huge.driver.message).toMatch(/\[cut: \d+ characters\]/);
    const flood = await detectWith('flood', `const b = 'E'.repeat(65536); for (let i = 0; i < 400; i++) await out(b);`);
    expect(flood.driver.status).toBe('unknown');
    expect(flood.driver.message).toMatch(/far more output/);
  }, 60_000);

  it('a crash by signal is reported as a crash, not as "could not be started"', async () => {
    const r = await detectWith('segv', `process.kill(process.pid, 'SIGSEGV');`);
    expect(r.driver.status).toBe('unknown');
    expect(r.driver.message).toMatch(/crashed \(SIGSEGV\)/);
    expect(r.driver.message).not.toMatch(/could not be started/);
  }, 30_000);
});
