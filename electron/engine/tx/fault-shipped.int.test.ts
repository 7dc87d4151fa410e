import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

// Issue 11: test hooks never ship. The only module that arms fault injection lives under tx/testing/, and the
// shipped build (tsconfig.node.json, which `npm test` builds first) leaves that folder out.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

test('the build holds no tx/testing/ module, so TORCHLIFT_FAULT_STEP cannot arm anything in it', () => {
  const dist = path.join(repo, 'dist', 'electron');
  expect(fs.existsSync(path.join(dist, 'engine', 'tx', 'fault.js')), 'dist/ is missing: run "npm run build"').toBe(true);
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'testing' && path.basename(dir) === 'tx') found.push(full);
        else walk(full);
      } else if (/arm-faults/.test(entry.name)) found.push(full);
    }
  };
  walk(dist);
  expect(found).toEqual([]);
  expect(fs.readFileSync(path.join(dist, 'engine', 'tx', 'fault.js'), 'utf8')).not.toContain('process.env');
});
