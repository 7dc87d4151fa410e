import { cudaFamilyFloor, driverLoadsCuda, maxCudaForDriver } from '../../knowledge/driver.js';
import { majorOf } from '../../../../shared/versions.js';
import { compareMajorMinor } from '../../knowledge/versions.js';
import { factEvidence } from '../fixes.js';
import { type MessagePart, makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import { fixFromBuild, recommendedFix } from '../recommended-fix.js';
import type { Rule, RuleContext } from '../rule-context.js';
import { minDriverFor, newestBuild, newestTorchCuda } from '../targets.js';

const FOUND = /found version (\d{4,6})/i;
const INSUFFICIENT = /CUDA driver version is insufficient for CUDA runtime version|cuda runtime error \(35\)/i;
const NEWEST_CUDA_APP = /try updating your Nvidia drivers|ComfyUI|python_embeded/i;
const UNAVAILABLE = /cuda\.is_available\(\)\s*(?:(?:returns|is|==?|:)\s*)?False|Torch is not able to use GPU|try updating your Nvidia drivers|CUDA is not available/i;

/** How the driver copes with torch's CUDA when both are known. */
function verdict(ctx: RuleContext): 'native' | 'minor-compat' | 'no' | null {
  const { driverVersion, maxCudaVersion, torchCudaVersion } = ctx.facts;
  if (torchCudaVersion === null) return null;
  if (driverVersion !== null) return driverLoadsCuda(driverVersion, torchCudaVersion, ctx.platform);
  if (maxCudaVersion === null) return null;
  if (compareMajorMinor(torchCudaVersion, maxCudaVersion) <= 0) return 'native';
  return majorOf(torchCudaVersion) === majorOf(maxCudaVersion) ? 'minor-compat' : 'no';
}

/** The driver's max CUDA for messages ("< 11.0" for drivers older than the table). */
function maxCudaText(ctx: RuleContext): string {
  const f = ctx.facts;
  const d = f.driverVersion;
  return f.maxCudaVersion ?? (d ? maxCudaForDriver(d, ctx.platform) : null) ?? '< 9.0';
}

/** driver-too-old: torch's CUDA needs a newer driver (versions, "found version NNNNN", error 35, or the likely cause). */
export const driverTooOld: Rule = (ctx) => {
  const f = ctx.facts;
  const v = verdict(ctx);
  const found = FOUND.exec(ctx.text);
  const insufficient = INSUFFICIENT.test(ctx.text);
  const maxCuda = maxCudaText(ctx);
  const base = { driver: f.driverVersion ?? '?', maxCuda, torch: f.torchVersion ?? '?', torchCuda: f.torchCudaVersion ?? '?' };
  let severity: 'error' | 'warning' = 'error';
  let detail: MessagePart;
  let needCuda: string | null = f.torchCudaVersion;
  if (v === 'no' || v === 'minor-compat') {
    severity = v === 'no' ? 'error' : 'warning';
    detail = { key: v === 'no' ? 'detail' : 'detailMinorCompat' };
  } else if (found) {
    detail = { key: 'detailFound', params: { found: found[1] ?? '' } };
  } else if (insufficient) {
    detail = { key: 'detailInsufficient' };
  } else if (v === null && f.torchCudaVersion === null && (f.cudaAvailable === false || UNAVAILABLE.test(ctx.text)) && !maxCuda.startsWith('<')) {
    if (ctx.found.has('cpu-only-torch') || ctx.found.has('driver-not-loaded') || ctx.found.has('driver-not-installed')) return null;
    // The driver is the likely cause when it loads no current build at all (below the CUDA 12 family floor), or when
    // the app installs the newest CUDA build (ComfyUI's portable/desktop releases, and its own "try updating your
    // Nvidia drivers" hint) and the driver is older than that. A1111-style installs pin cu121/cu128 builds, which a
    // 12.x driver runs, so there the torch build stays the suspect.
    const newest = newestTorchCuda();
    const newestApp = NEWEST_CUDA_APP.test(ctx.text) || ctx.facts.installKind === 'comfyui' || ctx.facts.installKind === 'comfyui-portable';
    const floor = newestApp ? newest : '12.0';
    if (newest === null || floor === null || compareMajorMinor(maxCuda, floor) >= 0) return null;
    severity = 'warning';
    needCuda = newest;
    detail = { key: 'detailLikely', params: { newestCuda: newest, minDriver: minDriverFor(newest, ctx.platform) ?? '?' } };
  } else {
    return null;
  }
  const minDriver = needCuda ? minDriverFor(needCuda, ctx.platform) : null;
  const fix: MessagePart[] = [
    minDriver
      ? { key: 'fix', params: { minDriver } }
      : { key: 'fixUnknown', params: { min12: cudaFamilyFloor('12.0', ctx.platform) ?? '527.41', min13: cudaFamilyFloor('13.0', ctx.platform) ?? '580' } },
  ];
  const cc = f.gpus.find((g) => g.computeCapability)?.computeCapability ?? null;
  // A build the current driver runs: the recommendation's best, else (no driver/GPU facts) the newest that fits.
  const recommended = recommendedFix(ctx, { allowDriverUpgrade: false });
  const fits = !maxCuda.startsWith('<') && compareMajorMinor(maxCuda, '11.0') >= 0;
  const alt = recommended !== undefined ? recommended : fits ? fixFromBuild(ctx, newestBuild({ platform: ctx.platform, cc, maxCuda, minTorch: '2.0.0' })) : null;
  if (alt) fix.push({ key: 'fixAlt', params: { altCuda: alt.cuda, command: alt.command.display } });
  return makeFinding(ctx.lang, {
    code: 'driver-too-old',
    severity,
    params: base,
    detail: [{ key: detail.key, params: { ...base, minDriver: minDriver ?? '?', ...detail.params } }],
    fix,
    commands: [alt?.command],
    evidence: [...linesMatching(ctx.lines, new RegExp(`${FOUND.source}|${INSUFFICIENT.source}|${UNAVAILABLE.source}`, 'i'), 2), ...factEvidence(ctx, 'driver', 'torch')],
  });
};
