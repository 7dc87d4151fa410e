import type { InstallKind, Platform } from '../../../shared/schemas/detect.js';
import type { RecommendReason } from '../../../shared/schemas/recommend.js';
import { archListFor, archSpan, buildRunsWithoutCrossGenJit } from '../knowledge/arch.js';
import { driverSupportsCuda, minDriverForCuda } from '../knowledge/driver.js';
import type { TorchRow, TorchVariant, XformersRow } from '../knowledge/schemas.js';
import { pythonSupport, torchKnownIssues } from '../knowledge/torch.js';
import { compareMajorMinor, comparePep440, majorMinor } from '../knowledge/versions.js';
import { xformersArchFloor, xformersCandidates } from '../knowledge/xformers.js';

/** What the rules look at. */
export interface EvalContext {
  platform: Platform;
  cc: string;
  driverVersion: string | null;
  pythonVersion: string | null;
  app: InstallKind;
  minTorch: string | null;
}

/** One torch build with every rule it breaks (empty = installable) and what it rests on. */
export interface Candidate {
  row: TorchRow;
  variant: TorchVariant;
  xformers: XformersRow | null;
  minDriver: string | null;
  failures: RecommendReason[];
  /** Rests on a row (or arch entry, or platform figure) that no primary source confirms: ranked after confirmed builds. */
  demoted: boolean;
  /** demoted, or a field-level doubt (torchvision pairing from [3P], experimental Python): shown as unconfirmed. */
  unconfirmed: boolean;
  pythonExperimental: boolean;
}

// Most fundamental first: a driver update cannot fix an arch, Python or app problem.
const ORDER = ['arch-unknown', 'gpu-too-new', 'gpu-too-old', 'python-unsupported', 'torch-too-old-for-app', 'known-issue', 'needs-driver'];

/** The reason shown for a rejected build. */
export function mainFailure(c: Candidate): RecommendReason | undefined {
  return [...c.failures].sort((a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code))[0];
}

/** Fails only because the driver is too old. */
export function failsOnlyOnDriver(c: Candidate): boolean {
  return c.failures.length > 0 && c.failures.every((f) => f.code === 'needs-driver');
}

function ccAtLeast(cc: string, floor: string): boolean {
  return compareMajorMinor(cc, floor) >= 0;
}

/** The newest xformers usable with this build: on the torch index, for this Python, with kernels for the GPU. */
function usableXformers(row: TorchRow, variant: TorchVariant, ctx: EvalContext): XformersRow | null {
  const py = ctx.pythonVersion === null ? null : majorMinor(ctx.pythonVersion);
  return (
    xformersCandidates(row.version, variant.tag, ctx.platform).find(
      (x) =>
        x.onTorchIndex &&
        ccAtLeast(ctx.cc, xformersArchFloor(x, variant.tag)) &&
        (py === null || (compareMajorMinor(py, x.python.min) >= 0 && (x.python.max === null || compareMajorMinor(py, x.python.max) <= 0))),
    ) ?? null
  );
}

/** Applies rules (a) driver, (b) arch, (c) Python, (d) app minimum, plus known platform issues. */
export function evaluate(row: TorchRow, variant: TorchVariant, ctx: EvalContext): Candidate {
  const failures: RecommendReason[] = [];
  let demoted = !row.confirmed || variant.experimental === true;
  const torch = row.version;
  const tag = variant.tag;

  const min = minDriverForCuda(variant.cuda, ctx.platform);
  if (min !== null && !min.confirmed) demoted = true;
  if (ctx.driverVersion === null || !driverSupportsCuda(ctx.driverVersion, variant.cuda, ctx.platform)) {
    failures.push({ code: 'needs-driver', params: { tag, cuda: variant.cuda, minDriver: min?.version ?? 'unknown', have: ctx.driverVersion ?? 'none' } });
  }

  const arch = archListFor(torch, tag, ctx.platform);
  if (arch === null) {
    failures.push({ code: 'arch-unknown', params: { torch, tag, platform: ctx.platform } });
  } else {
    const sure = arch.archs.filter((a) => !arch.unconfirmedArchs.includes(a));
    const runs = buildRunsWithoutCrossGenJit(arch.archs, ctx.cc);
    if (!arch.confirmed || (runs && !buildRunsWithoutCrossGenJit(sure, ctx.cc))) demoted = true;
    if (!runs) {
      const span = archSpan(arch.archs);
      const tooNew = span !== null && compareMajorMinor(ctx.cc, span.highestCc) > 0;
      failures.push(
        tooNew
          ? { code: 'gpu-too-new', params: { torch, tag, cc: ctx.cc, highest: span?.highest ?? '?' } }
          : { code: 'gpu-too-old', params: { torch, tag, cc: ctx.cc, lowest: span?.lowest ?? '?' } },
      );
    }
  }

  const py = ctx.pythonVersion === null ? 'unknown' : pythonSupport(torch, ctx.pythonVersion);
  if (py === 'unsupported') {
    failures.push({ code: 'python-unsupported', params: { torch, python: ctx.pythonVersion ?? '?', min: row.python.min, max: row.python.max } });
  }

  if (ctx.minTorch !== null && comparePep440(torch, ctx.minTorch) < 0) {
    failures.push({ code: 'torch-too-old-for-app', params: { torch, app: ctx.app, need: ctx.minTorch } });
  }
  for (const issue of torchKnownIssues(torch, ctx.platform)) {
    failures.push({ code: 'known-issue', params: { torch, platform: ctx.platform, issue: issue.code, summary: issue.summary, source: issue.source } });
  }

  const xformers = usableXformers(row, variant, ctx);
  const unconfirmed = demoted || py === 'experimental' || (row.unconfirmedFields ?? []).includes('torchvision');
  return { row, variant, xformers, minDriver: min?.version ?? null, failures, demoted, unconfirmed, pythonExperimental: py === 'experimental' };
}
