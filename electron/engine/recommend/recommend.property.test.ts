import { describe, expect, it } from 'vitest';
import { Recommendation } from '../../../shared/schemas/recommend.js';
import { archListFor, buildRunsOnCc } from '../knowledge/arch.js';
import { driverLoadsCuda, driverSupportsCuda } from '../knowledge/driver.js';
import { knownGpus, lookupComputeCapability } from '../knowledge/gpu.js';
import { cudaDriverRows } from '../knowledge/load.js';
import { pythonSupported, torchReleases } from '../knowledge/torch.js';
import { recommend } from './recommend.js';

// A spread of real driver versions from cuda-drivers.json (every other native-max row, plus the newest), per platform.
function driverSpread(platform: 'linux' | 'windows'): string[] {
  const all = cudaDriverRows().flatMap((r) => (r.kind === 'native-max' && r[platform] !== null ? [r[platform] as string] : []));
  return [...new Set([...all.filter((_, i) => i % 2 === 0), all[all.length - 1] ?? ''])];
}

describe('recommend: property over every GPU × driver spread × Python 3.8–3.13 × platform', () => {
  it('never recommends a build that needs a newer driver, lacks the GPU arch, or misses the Python', () => {
    const ccs = new Set<string>();
    for (const gpu of knownGpus()) {
      expect(lookupComputeCapability(gpu.name)?.cc, gpu.name).toBe(gpu.cc);
      ccs.add(gpu.cc);
    }
    let checked = 0;
    let withBest = 0;
    for (const platform of ['linux', 'windows'] as const) {
      for (const driverVersion of driverSpread(platform)) {
        for (const cc of ccs) {
          for (const minor of [8, 9, 10, 11, 12, 13]) {
            const pythonVersion = `3.${minor}`;
            const app = minor % 2 === 0 ? 'a1111' : 'comfyui';
            const r = recommend({ platform, gpuCc: cc, gpuName: null, driverVersion, pythonVersion, app, currentTorch: null });
            for (const t of [r.best, ...r.alternatives].filter((x) => x !== null)) {
              const where = `${platform} ${driverVersion} cc ${cc} py ${pythonVersion}: ${t.torch}`;
              // runs on this driver: natively (Table 3) or through minor-version compatibility (Table 2), and says which
              const fit = driverLoadsCuda(driverVersion, t.cuda ?? '', platform);
              expect(fit, where).not.toBe('no');
              expect(t.driverFit, where).toBe(fit);
              if (fit === 'minor-compat') expect(driverSupportsCuda(driverVersion, t.cuda ?? '', platform) ? 'native' : t.recommendedDriver, where).toBe(t.minDriver);
              const arch = archListFor(t.torch, t.cudaTag, platform);
              expect(arch !== null && buildRunsOnCc(arch.archs, cc), where).toBe(true);
              expect(pythonSupported(t.torch, pythonVersion), where).toBe(true);
              expect(t.pipCommand[1], where).toBe(`torch==${t.torch}`);
              // only builds torch-releases.json lists (it starts at 1.12: no cu92–cu101 build, whatever the driver)
              const [release] = t.torch.split('+');
              const row = torchReleases().find((x) => x.version === release && x.status === 'released');
              expect(row?.variants.some((v) => v.tag === t.cudaTag), where).toBe(true);
            }
            if (r.best !== null) withBest++;
            if (r.status === 'driver-update-needed') expect(r.driverUpgrade).not.toBeNull();
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(withBest).toBeGreaterThan(checked / 4);
  }, 240_000);

  it('produces output that matches the shared zod schema', () => {
    const r = recommend({ platform: 'linux', gpuCc: '8.6', gpuName: null, driverVersion: '550.54.14', pythonVersion: '3.11', app: 'forge', currentTorch: '2.1.2+cu121' });
    expect(Recommendation.safeParse(r).success).toBe(true);
  });
});
