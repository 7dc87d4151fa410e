import path from 'node:path';
import { expect, test } from 'vitest';
import { filesOutsideRoots, isInside } from './target-roots.js';
import { formatBytes, noSpace } from './messages.js';

const root = path.resolve('/tmp/ユーザー/stable diffusion [A1111] & co/venv/Lib/site-packages/torch/lib');

test('inside means under the root after resolving; ".." never escapes', () => {
  expect(isInside(root, path.join(root, 'cudnn64_8.dll'))).toBe(true);
  expect(isInside(root, path.join(root, '..', 'lib', 'x.dll'))).toBe(true);
  expect(isInside(root, path.join(root, '..', '..', 'numpy', 'x.dll'))).toBe(false);
  expect(isInside(root, `${root}-evil/x.dll`)).toBe(false);
  expect(filesOutsideRoots([path.join(root, 'a.dll'), '/etc/passwd'], [root])).toEqual(['/etc/passwd']);
});

test('space refusals carry the numbers', () => {
  expect(formatBytes(2_147_483_648)).toBe('2 GB');
  expect(formatBytes(900)).toBe('900 B');
  const r = noSpace({ path: 'D:\\sd', neededBytes: 1.5 * 1024 ** 3, freeBytes: 400 * 1024 ** 2 });
  expect(r.message).toContain('1.5 GB needed, 400 MB free');
  expect(r.fix).toContain('1.1 GB');
});
