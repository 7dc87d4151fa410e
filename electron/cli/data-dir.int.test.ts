import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { main } from './main.js';

// TORCHLIFT_DATA_DIR pointing at a file: a clear refusal naming the variable and exit 2, not "internal: EEXIST" and exit 1.
let root = '';
afterEach(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
  root = '';
});

test('every transaction command refuses an unusable data folder with exit 2 and the fix', async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-cli-data-'));
  const file = path.join(root, 'data is a file');
  await fs.writeFile(file, 'x');
  const env = { ...process.env, TORCHLIFT_DATA_DIR: file };
  for (const args of [['history'], ['history', '--prune'], ['rollback', '--last'], ['recover', '--json'], ['plan', 'dll-swap', '--app', root, '--cudnn-dir', root], ['apply', 'dll-swap', '--app', root, '--cudnn-dir', root, '--yes']]) {
    let out = '';
    let err = '';
    const code = await main(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, env });
    expect(code, `${args.join(' ')}: ${err}`).toBe(2);
    expect(err).toContain('TORCHLIFT_DATA_DIR');
    expect(err).not.toContain('internal');
    if (args.includes('--json')) expect(JSON.parse(out)).toMatchObject({ error: { code: 'data-dir-unusable' } });
  }
  expect(await fs.readFile(file, 'utf8')).toBe('x');
});
