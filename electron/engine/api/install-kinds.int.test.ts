import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScenario, INSTALL_KIND_SCENARIOS, SCENARIO_SPECS, type Scenario } from '../../../e2e/scenarios/index.js';
import { DetectReport } from '../../../shared/schemas/detect.js';
import { doctorText } from '../doctor/doctor-text.js';
import { createHandlers } from './handlers.js';

/*
 * The install kinds added for issue 9 — the 秋叶 (aki) package with its Python in py310\, kohya_ss, kohya-ss/sd-scripts
 * and OneTrainer — scanned, diagnosed and given a recommendation end to end (detect handler with import probes, the
 * doctor on the scan and on a paste from the install, recommend with the app's own bounds).
 */

const made: Scenario[] = [];
afterAll(async () => {
  await Promise.all(made.map((s) => s.cleanup()));
});

describe.each(INSTALL_KIND_SCENARIOS)('install kind scenario %s', (name) => {
  it('is found by auto-discovery and by --app, probed with its own Python, diagnosed healthy, and recommended inside its bounds', async () => {
    const s = await createScenario(name);
    made.push(s);
    const spec = SCENARIO_SPECS[name];
    const handlers = createHandlers({ host: 'cli', env: { ...s.env } });

    // auto-discovery under the search root finds it, of the right kind
    const discovered = await handlers.detect({ apps: [], probe: false, lang: 'en' });
    expect(discovered.installs.map((i) => [i.kind, path.resolve(i.path)])).toContainEqual([spec.kind, path.resolve(s.apps[0] ?? '')]);

    const report = await handlers.detect({ apps: s.apps, probe: true, lang: 'en' });
    const parsed = DetectReport.safeParse(report);
    expect(parsed.success, parsed.error?.message).toBe(true);
    const install = report.installs.find((i) => path.resolve(i.path) === path.resolve(s.apps[0] ?? ''));
    expect(install?.kind).toBe(spec.kind);
    // its own interpreter (py310\python.exe for aki), probed: torch is known, not "not installed" or "unknown"
    expect(install?.python?.path).toBe(s.python);
    if (spec.kind === 'aki') expect(install?.python?.path).toMatch(/py310[\\/]python\.exe$/);
    expect(install?.probe?.state).toBe('ok');
    expect(install?.torch?.version).toBe(s.expected.torchVersion);
    expect(install?.torch?.cudaAvailable).toBe(true);

    // the doctor: nothing wrong with a working install, and every command uses the install's own Python
    const codes = report.findings.filter((f) => f.installPath === install?.path).map((f) => f.code);
    for (const bad of spec.mustNotFind) expect(codes, `${name} must not find ${bad}`).not.toContain(bad);
    for (const f of report.findings) for (const c of f.commands ?? []) expect(c.file, f.code).toBe(s.python);

    // the recommendation: a build this machine runs, inside the app's bounds (with their sources), run by its Python
    const rec = install?.recommendation;
    expect(rec?.status).toBe('ok');
    expect(rec?.appBounds?.app).toBe(spec.kind);
    expect(rec?.best?.command?.file).toBe(s.python);
    const max = rec?.appBounds?.max?.torch;
    if (max) for (const t of [rec?.best, ...(rec?.alternatives ?? [])]) expect(Number(t?.torch.split('.')[1]), t?.torch).toBeLessThanOrEqual(Number(max.split('.')[1]));

    // a paste from the install, with the scan as second source: its fix runs the install's Python
    const paste = doctorText(`${s.apps[0] ?? ''}${s.platform === 'windows' ? '\\' : '/'}train.py\nAssertionError: Torch not compiled with CUDA enabled`, 'en', {}, { machine: report });
    const fix = paste.findings.find((f) => f.code === 'cpu-only-torch');
    expect(fix?.commands?.[0]?.file).toBe(s.python);
    expect(fix?.commands?.[0]?.args.join(' ')).toContain(`torch==${rec?.best?.torch ?? '?'}`);
  }, 120_000);
});
