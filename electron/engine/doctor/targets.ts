import { compare as pepCompare, gte as pepGte } from '@renovatebot/pep440';
import type { Platform } from '../../../shared/schemas/detect.js';
import { archListFor, buildRunsOnCc } from '../knowledge/arch.js';
import { cudaFamilyFloor, minDriverForCuda } from '../knowledge/driver.js';
import { torchReleases } from '../knowledge/torch.js';
import { compareMajorMinor } from '../knowledge/versions.js';

/** A concrete official torch build. */
export interface TorchBuild {
  torch: string;
  torchvision: string | null;
  cudaTag: string;
  cuda: string;
}

/** Named arguments of newestBuild. */
export interface BuildQuery {
  platform: Platform;
  /** The GPU's compute capability; null = any GPU. */
  cc?: string | null;
  /** The driver's newest CUDA; null = any driver. */
  maxCuda?: string | null;
  /** Lowest torch acceptable (e.g. "2.0.0" for current SD apps). */
  minTorch?: string | null;
  /** Only builds of this exact torch release. */
  torch?: string | null;
}

/**
 * The best released official build that runs on the GPU and the driver (knowledge base §2/§3): the highest CUDA
 * that fits, then the newest torch with it (so a 12.8 driver gets cu128, which also runs RTX 50xx).
 */
export function newestBuild(q: BuildQuery): TorchBuild | null {
  const rows = [...torchReleases()].filter((r) => r.status === 'released').sort((a, b) => pepCompare(b.version, a.version));
  const found: TorchBuild[] = [];
  for (const row of rows) {
    if (q.torch && row.version !== q.torch.split('+')[0]) continue;
    if (q.minTorch && !pepGte(row.version, q.minTorch)) continue;
    const variants = row.variants.filter((v) => !v.experimental).sort((a, b) => compareMajorMinor(b.cuda, a.cuda));
    for (const v of variants) {
      if (q.maxCuda && compareMajorMinor(v.cuda, q.maxCuda) > 0) continue;
      if (q.cc) {
        const archs = archListFor(row.version, v.tag, q.platform === 'macos' ? 'linux' : q.platform);
        if (archs === null || !buildRunsOnCc(archs.archs, q.cc)) continue;
      }
      found.push({ torch: row.version, torchvision: row.torchvision, cudaTag: v.tag, cuda: v.cuda });
    }
  }
  return found.sort((a, b) => compareMajorMinor(b.cuda, a.cuda) || pepCompare(b.torch, a.torch))[0] ?? null;
}

/** The CUDA of the newest released torch's highest stable variant (what current installers pull). */
export function newestTorchCuda(): string | null {
  return newestBuild({ platform: 'linux' })?.cuda ?? null;
}

/** The driver a CUDA build needs natively, else the family floor (minor-version compatibility). */
export function minDriverFor(cuda: string, platform: Platform): string | null {
  return minDriverForCuda(cuda, platform)?.version ?? cudaFamilyFloor(cuda, platform);
}
