import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenario, type Scenario } from '../../../e2e/scenarios/index.js';
import { main } from '../main.js';

async function cli(argv: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (s) => void (stdout += s), err: (s) => void (stderr += s), env });
  return { code, stdout, stderr };
}

describe('torchlift report', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await createScenario('rtx4070-a1111');
  });
  afterAll(async () => s?.cleanup());

  it('writes one Markdown file with the scan, findings, recommendation, history and log, and prints its path', async () => {
    const out = path.join(s.root, 'report.md');
    const r = await cli(['report', '--out', out], { ...s.env, USERNAME: 'tl-test-user' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`Report written to ${out}`);
    const md = fs.readFileSync(out, 'utf8');
    for (const heading of ['# TorchLift report', '## Scan', '### Stable Diffusion installs', '## Findings', '## Changes (history)', '## Recent log']) expect(md).toContain(heading);
    expect(md).toContain('| Recommended |');
    expect(md).toContain('<summary>Full scan (JSON)</summary>');
    expect(md).toContain(s.apps[0]!);
  });

  it('--anonymize hides the home folder; --json says where; a folder as --out gets the dated name', async () => {
    // The simulated machine's root stands for the home folder here, so the install and the data folder lie inside it.
    const r = await cli(['report', '--anonymize', '--json', '--out', s.root], { ...s.env, HOME: s.root, USERPROFILE: s.root });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { path: string; anonymized: boolean };
    expect(doc.anonymized).toBe(true);
    expect(path.basename(doc.path)).toMatch(/^torchlift-report-\d{8}-\d{6}\.md$/);
    const md = fs.readFileSync(doc.path, 'utf8');
    expect(md).not.toContain(s.root);
    expect(md).toContain(`~${path.sep}${path.relative(s.root, s.apps[0]!)}`);
  });

  it('--out in a folder that does not exist is bad usage and writes nothing', async () => {
    const r = await cli(['report', '--out', path.join(s.root, 'no-such', 'r.md'), '--lang', 'ja'], s.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('フォルダー');
    expect(fs.existsSync(path.join(s.root, 'no-such'))).toBe(false);
  });
});
