import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../resources.js';
import { appRows, archRows, cudaDriverRows, dllRows, gpuRows, torchRows, xformersRows } from './load.js';

describe('knowledge files', () => {
  it('all load and validate, and every row names a source and says whether it is confirmed', () => {
    const all = [gpuRows(), cudaDriverRows(), torchRows(), archRows(), xformersRows(), dllRows(), appRows()];
    for (const rows of all) {
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.source.length).toBeGreaterThan(3);
        expect(typeof r.confirmed).toBe('boolean');
      }
    }
  });
  it('are versioned envelopes dated 2026-11-21 or later', () => {
    const dir = path.join(resourcesDir(), 'knowledge');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const j = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { schemaVersion: number; updated: string };
      expect(j.schemaVersion, f).toBe(1);
      expect(j.updated, f).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(j.updated >= '2026-11-21', f).toBe(true);
    }
  });
  it('has no duplicate GPU names and no torch row without a variant', () => {
    const names = gpuRows().map((r) => r.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const t of torchRows()) expect(t.variants.length, t.version).toBeGreaterThan(0);
  });
});
