import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { outsideAsar, resourcesDir } from './resources.js';

describe('resourcesDir', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('finds the repository resources/ folder from the source tree', () => {
    const dir = resourcesDir({});
    expect(fs.existsSync(path.join(dir, 'knowledge', 'gpus.json'))).toBe(true);
  });

  it('honours TORCHLIFT_RESOURCES', () => {
    expect(resourcesDir({ TORCHLIFT_RESOURCES: '/x/res' })).toBe(path.resolve('/x/res'));
  });

  it('walks up from a compiled dist/ location (paths with spaces and CJK)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-res [漢字] &'));
    made.push(root);
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    fs.mkdirSync(path.join(root, 'resources'));
    const deep = path.join(root, 'dist', 'electron', 'engine', 'knowledge');
    fs.mkdirSync(deep, { recursive: true });
    // a resources/ without package.json next to it must be skipped
    fs.mkdirSync(path.join(root, 'dist', 'resources'));
    const from = pathToFileURL(path.join(deep, 'load.js')).href;
    expect(resourcesDir({}, from)).toBe(path.join(root, 'resources'));
  });
});

describe('outsideAsar (packaged app layout)', () => {
  it('maps a path inside app.asar to app.asar.unpacked when the unpacked copy exists, and leaves others alone', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-asar [漢字] &'));
    try {
      const unpacked = path.join(root, 'resources', 'app.asar.unpacked', 'resources', 'probe');
      fs.mkdirSync(unpacked, { recursive: true });
      const inAsar = path.join(root, 'resources', 'app.asar', 'resources', 'probe');
      expect(outsideAsar(inAsar)).toBe(unpacked);
      expect(outsideAsar(path.join(root, 'resources', 'app.asar', 'dist', 'renderer'))).toBe(path.join(root, 'resources', 'app.asar', 'dist', 'renderer'));
      expect(outsideAsar(path.join(root, 'resources', 'app.asar'))).toBe(path.join(root, 'resources', 'app.asar'));
      expect(outsideAsar('/opt/app/resources/knowledge')).toBe('/opt/app/resources/knowledge');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
