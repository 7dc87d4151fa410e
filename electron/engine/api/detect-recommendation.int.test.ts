import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenario, type Scenario, type ScenarioName } from '../../../e2e/scenarios/index.js';
import { DetectReport } from '../../../shared/schemas/detect.js';
import type { Recommendation } from '../../../shared/schemas/recommend.js';
import { driverSupportsCuda } from '../knowledge/driver.js';
import { compareMajorMinor } from '../knowledge/versions.js';
import { createHandlers } from './handlers.js';

/** Runs the detect handler on a simulated machine (with import probes) and returns the report. */
async function detectOn(s: Scenario, extraEnv: Record<string, string> = {}): Promise<DetectReport> {
  const handlers = createHandlers({ host: 'cli', env: { ...s.env, ...extraEnv } });
  const report = await handlers.detect({ apps: s.apps, probe: true, lang: 'en' });
  const parsed = DetectReport.safeParse(report);
  expect(parsed.success, parsed.error?.message).toBe(true);
  return report;
}

function onlyRecommendation(report: DetectReport): Recommendation {
  expect(report.installs).toHaveLength(1);
  const rec = report.installs[0]?.recommendation;
  expect(rec).toBeDefined();
  return rec as Recommendation;
}

describe('detect adds each install\'s recommendation', () => {
  const scenarios = new Map<ScenarioName, Scenario>();
  const scenario = async (name: ScenarioName): Promise<Scenario> => {
    const s = scenarios.get(name) ?? (await createScenario(name));
    scenarios.set(name, s);
    return s;
  };
  afterAll(async () => {
    await Promise.all([...scenarios.values()].map((s) => s.cleanup()));
  });

  describe('rtx4070-a1111 (546.33, CUDA ≤ 12.3)', () => {
    let report: DetectReport;
    beforeAll(async () => {
      report = await detectOn(await scenario('rtx4070-a1111'), { TORCHLIFT_TORCH_INDEX: 'http://127.0.0.1:9/whl/' });
    });

    it('recommends a cu121-or-older build the driver supports, from TORCHLIFT_TORCH_INDEX', () => {
      const rec = onlyRecommendation(report);
      expect(rec.status).toBe('ok');
      const best = rec.best;
      expect(best).not.toBeNull();
      expect(compareMajorMinor(best?.cuda ?? '99.0', '12.1')).toBeLessThanOrEqual(0);
      expect(driverSupportsCuda('546.33', best?.cuda ?? '', 'windows')).toBe(true);
      expect(best?.indexUrl).toBe(`http://127.0.0.1:9/whl/${best?.cudaTag}`);
      expect(best?.pipCommand[1]).toBe(`torch==${best?.torch}`);
    });

    it('the doctor\'s fixes never offer another torch build than the card', () => {
      const best = onlyRecommendation(report).best?.torch;
      for (const f of report.findings) {
        for (const m of f.fix.matchAll(/torch==(\S+)/g)) expect(m[1], f.code).toBe(best);
      }
    });
  });

  it('gtx1660-comfy-portable (472.12, CUDA 11.4) → a cu118 build by minor-version compatibility (cu11x runs from 452.39), newer CUDA needing a driver', async () => {
    const rec = onlyRecommendation(await detectOn(await scenario('gtx1660-comfy-portable')));
    expect(rec.status).toBe('ok');
    expect(rec.best?.cudaTag).toBe('cu118');
    expect(rec.rejected.some((r) => r.reason.code === 'needs-driver' && r.reason.params.have === '472.12')).toBe(true);
  });

  it('rtx5070ti-forge (572.83, Blackwell) → a cu128 build, and the arch finding offers the same command', async () => {
    const report = await detectOn(await scenario('rtx5070ti-forge'));
    const rec = onlyRecommendation(report);
    expect(rec.status).toBe('ok');
    expect(rec.best?.cudaTag).toBe('cu128');
    const arch = report.findings.find((f) => f.code === 'gpu-arch-unsupported');
    expect(arch?.fix).toContain(rec.best?.pipCommand.join(' ') ?? '?');
  });

  it('linux-no-gpu → no-nvidia-gpu', async () => {
    const rec = onlyRecommendation(await detectOn(await scenario('linux-no-gpu')));
    expect(rec).toMatchObject({ status: 'no-nvidia-gpu', best: null, alternatives: [], driverUpgrade: null });
  });
});
