import type { InstallKind, Platform } from '../../../shared/schemas/detect.js';
import type { RecommendReason } from '../../../shared/schemas/recommend.js';
import { archListFor, archSpan, buildRunsWithoutCrossGenJit } from '../knowledge/arch.js';
import { driverLoadsCuda, maxCudaForDriver, minDriverForCuda } from '../knowledge/driver.js';
import type { TorchRow, TorchVariant, XformersRow } from '../knowledge/schemas.js';
import { pythonSupport, torchKnownIssues } from '../knowledge/torch.js';
import { compareMajorMinor, comparePep440, majorMinor } from '../knowledge/versions.js';
import { xformersArchFloor, xformersCandidates } from '../knowledge/xformers.js';
import { type Msg, type MsgParam, msg } from '../../../shared/i18n/message.js';

/** What the rules look at. */
export interface EvalContext {
  platform: Platform;
  cc: string;
  driverVersion: string | null;
  pythonVersion: string | null;
  app: InstallKind;
  minTorch: string | null;
  /** The newest torch the app is known to run (release prefix, "2.7" = any 2.7.x); null = no bound. */
  maxTorch?: string | null;
  /** Where maxTorch comes from (shown with the rejection). */
  maxTorchSource?: string | null;
}

/** A doubt behind an unconfirmed target: `ui:diagnosis.recommendation.unconfirmedWhy.<code>`. */
export function doubt(code: string, params: Record<string, MsgParam>): Msg {
  return msg(`ui:diagnosis.recommendation.unconfirmedWhy.${code}`, params);
}

/** True when `torch` is inside an app's upper bound given as a release prefix ("2.7.1" is inside "2.7"). */
export function withinMaxTorch(torch: string, max: string): boolean {
  const parts = max.split('.').length;
  const release = torch.split('+')[0]?.split('.').slice(0, parts).join('.') ?? torch;
  return comparePep440(release, max) <= 0;
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
  /**
   * How the driver runs the build: 'native' (≥ the toolkit driver, Table 3) or 'minor-compat' (≥ the family floor,
   * Table 2); null when no driver is known or it does not run the build at all (then `needs-driver` is a failure).
   */
  driverFit: 'native' | 'minor-compat' | null;
  /** What makes it unconfirmed, one message each (empty when confirmed). */
  doubts: Msg[];
}

// Most fundamental first: a driver update cannot fix an arch, Python or app problem.
const ORDER = ['arch-unknown', 'gpu-too-new', 'gpu-too-old', 'python-unsupported', 'torch-too-old-for-app', 'torch-too-new-for-app', 'known-issue', 'needs-driver'];

/** The reason shown for a rejected build. */
export function mainFailure(c: Candidate): RecommendReason | undefined {
  return [...c.failures].sort((a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code))[0];
}

/** Fails only because the driver is too old. */
export function failsOnlyOnDriver(c: Candidate): boolean {
  return c.failures.length > 0 && c.failures.every((f) => f.code === 'needs-driver');
}

// The first CUDA release that supports each GPU generation (CUDA toolkit release notes): a driver older than that
// CUDA does not know the GPU, so only a build it runs natively can work.
const GPU_FIRST_CUDA: readonly [string, string][] = [['12.1', '12.9'], ['12.0', '12.8'], ['10.3', '12.9'], ['10.0', '12.8'], ['9.0', '11.8'], ['8.9', '11.8'], ['8.7', '11.4'], ['8.6', '11.1'], ['8.0', '11.0']];

/** Whether the driver's own CUDA already supports the GPU's generation (needed to use minor-version compatibility). */
function driverKnowsGpu(driverVersion: string, cc: string, platform: Platform): boolean {
  const need = GPU_FIRST_CUDA.find(([gen]) => compareMajorMinor(cc, gen) >= 0)?.[1] ?? null;
  const max = maxCudaForDriver(driverVersion, platform);
  return need === null || (max !== null && compareMajorMinor(max, need) >= 0);
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
  const doubts: Msg[] = [];
  const torch = row.version;
  const tag = variant.tag;
  if (!row.confirmed) doubts.push(doubt('torch-row', { torch }));
  if (variant.experimental === true) doubts.push(doubt('experimental-variant', { torch, tag }));
  const min = minDriverForCuda(variant.cuda, ctx.platform);
  if (min !== null && !min.confirmed) doubts.push(doubt('driver-figure', { cuda: variant.cuda, platform: ctx.platform, driver: min.version }));
  // NVIDIA's minor-version compatibility (Table 2): a driver at or above the CUDA family's floor runs every build of
  // that family ('minor-compat'); the toolkit driver (Table 3) is what NVIDIA recommends ('native'). A GPU newer
  // than the driver's own CUDA (RTX 50xx needs R570, CUDA 12.8) needs the native driver: older ones do not know it.
  const loads = ctx.driverVersion === null ? 'no' : driverLoadsCuda(ctx.driverVersion, variant.cuda, ctx.platform);
  const knowsGpu = ctx.driverVersion !== null && driverKnowsGpu(ctx.driverVersion, ctx.cc, ctx.platform);
  const driverFit = loads === 'native' || (loads === 'minor-compat' && knowsGpu) ? loads : null;
  if (driverFit === null) {
    failures.push({ code: 'needs-driver', params: { tag, cuda: variant.cuda, minDriver: min?.version ?? 'unknown', have: ctx.driverVersion ?? 'none' } });
  }

  const arch = archListFor(torch, tag, ctx.platform);
  if (arch === null) {
    failures.push({ code: 'arch-unknown', params: { torch, tag, platform: ctx.platform } });
  } else {
    const sure = arch.archs.filter((a) => !arch.unconfirmedArchs.includes(a));
    const runs = buildRunsWithoutCrossGenJit(arch.archs, ctx.cc);
    if (!arch.confirmed || (runs && !buildRunsWithoutCrossGenJit(sure, ctx.cc))) doubts.push(doubt('arch-list', { torch, tag, cc: ctx.cc }));
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
  if (ctx.maxTorch != null && !withinMaxTorch(torch, ctx.maxTorch)) {
    failures.push({ code: 'torch-too-new-for-app', params: { torch, app: ctx.app, max: ctx.maxTorch, source: ctx.maxTorchSource ?? '' } });
  }
  for (const issue of torchKnownIssues(torch, ctx.platform)) {
    failures.push({ code: 'known-issue', params: { torch, platform: ctx.platform, issue: issue.code, summary: issue.summary, source: issue.source } });
  }

  const xformers = usableXformers(row, variant, ctx);
  // Demoted (ranked after confirmed builds): the row, variant, driver figure or arch entry it rests on is unconfirmed.
  const demoted = doubts.length > 0;
  if (py === 'experimental') doubts.push(doubt('python-experimental', { python: ctx.pythonVersion ?? '?', torch }));
  if ((row.unconfirmedFields ?? []).includes('torchvision') && row.torchvision !== null) doubts.push(doubt('torchvision-pairing', { torch, torchvision: row.torchvision }));
  const unconfirmed = doubts.length > 0;
  return { row, variant, xformers, minDriver: min?.version ?? null, failures, demoted, unconfirmed, pythonExperimental: py === 'experimental', driverFit, doubts };
}
