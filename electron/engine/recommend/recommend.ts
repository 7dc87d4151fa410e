import type { InstallKind, Platform } from '../../../shared/schemas/detect.js';
import type { AppBounds, DriverUpgrade, Recommendation, RecommendNote, Rejection, Target } from '../../../shared/schemas/recommend.js';
import type { AppRow, BoundSource } from '../knowledge/schemas.js';
import { msg } from '../../../shared/i18n/message.js';
import { appRequirements } from '../knowledge/apps.js';
import { lookupComputeCapability } from '../knowledge/gpu.js';
import { torchReleases } from '../knowledge/torch.js';
import { comparePep440, releaseOf } from '../knowledge/versions.js';
import { alternativesTo, byNewest, cheapestUnlock, pick, rejectionsWorthShowing, smallestUnlock } from './choose.js';
import { type Candidate, type EvalContext, doubt, evaluate, failsOnlyOnDriver, mainFailure } from './evaluate.js';
import { note, reasonMessage } from './messages.js';
import { torchIndexBase } from '../commands/pip.js';
import { buildTarget, targetLabel } from './target.js';

/** What the recommendation looks at (detect's output for one install). */
export interface RecommendInput {
  platform: Platform;
  gpuCc: string | null;
  gpuName: string | null;
  driverVersion: string | null;
  pythonVersion: string | null;
  app: InstallKind;
  currentTorch: string | null;
  /** TORCHLIFT_TORCH_INDEX; default https://download.pytorch.org/whl. */
  torchIndexBase?: string;
  /** The install's interpreter, when known: each Target then carries its whole `command`. */
  python?: string | null;
  /** TORCHLIFT_PIP_INDEX and the like, for the commands' extra (PyPI) index. */
  env?: Record<string, string | undefined>;
}

const empty = (status: Recommendation['status'], notes: RecommendNote[] = []): Recommendation => ({
  status, best: null, alternatives: [], rejected: [], unconfirmed: false, notes, driverUpgrade: null,
});

/**
 * The newest official torch build that (a) needs a driver ≤ the installed one (native max CUDA, per platform),
 * (b) has kernels for the GPU, (c) supports the install's Python and (d) is ≥ what the app needs; with a matching
 * xformers where the app uses it. Released rows only (planned 2.13/2.14 are never targets).
 */
export function recommend(input: RecommendInput): Recommendation {
  if (input.platform === 'macos' || (input.gpuCc === null && (input.gpuName === null || input.gpuName.trim() === ''))) {
    // No CUDA build is offered (it would not run), and no CPU build either: the installed torch already is one.
    return { ...empty('no-nvidia-gpu', [note('no-gpu-cpu-torch', input.currentTorch ? { torch: input.currentTorch } : {})]), appBounds: appBoundsOf(appRequirements(input.app)) };
  }
  const looked = input.gpuCc === null && input.gpuName !== null ? lookupComputeCapability(input.gpuName) : null;
  const cc = input.gpuCc ?? looked?.cc ?? null;
  if (cc === null) return empty('unknown-gpu', [note('gpu-cc-unknown', { gpu: input.gpuName ?? '' })]);

  const app = appRequirements(input.app);
  const preferXformers = app?.preferXformers ?? false;
  const ctx: EvalContext = {
    platform: input.platform, cc, driverVersion: input.driverVersion, pythonVersion: input.pythonVersion, app: input.app, minTorch: app?.minTorch ?? null,
    maxTorch: app?.maxTorch ?? null, maxTorchSource: app?.bounds?.max?.source ?? app?.source ?? null,
  };
  const all = torchReleases()
    .filter((r) => r.status === 'released')
    .flatMap((r) => r.variants.map((v) => evaluate(r, v, ctx)));
  const accepted = all.filter((c) => c.failures.length === 0);
  // Builds the driver runs natively come first; minor-version-compatible ones are offered when none does (and as
  // alternatives), and count as "a driver update unlocks" for the upgrade suggestion.
  const native = accepted.filter((c) => c.driverFit === 'native');
  const compat = accepted.filter((c) => c.driverFit === 'minor-compat');
  const driverOnly = [...all.filter(failsOnlyOnDriver), ...compat];
  const tested = testedPair(app, all);
  // The app's own tested pair comes first where it fits (and is not older than what is installed); else the newest
  // build inside the app's bounds; else, when nothing inside them fits (a GPU newer than the app's tested torch), the
  // newest build above them, shown as unconfirmed with the reason.
  const current = input.currentTorch === null ? null : releaseOf(input.currentTorch);
  const preferTested = tested.fit !== undefined && (current === null || comparePep440(current, tested.fit.row.version) <= 0);
  let best = preferTested ? tested.fit : (pick(native, preferXformers) ?? pick(accepted, preferXformers));
  const beyond = best === undefined ? aboveBound(all, preferXformers) : undefined;
  if (beyond !== undefined) best = beyond;
  const ideal = pick([...native, ...driverOnly], preferXformers);
  const indexBase = input.torchIndexBase ?? torchIndexBase(input.env ?? {});
  const toTarget = (c: Candidate): Target => {
    const t = buildTarget(c, { indexBase, withTorchaudio: app?.needsTorchaudio ?? false, python: input.python ?? null, platform: input.platform, env: input.env });
    return c === tested.fit ? { ...t, testedByApp: true } : t;
  };

  const driverUpgrade = upgradeFor(ideal, best, driverOnly, preferXformers, toTarget);
  const status = best !== undefined ? 'ok' : driverOnly.length > 0 ? 'driver-update-needed' : 'no-compatible-build';
  const shown = rejectionsWorthShowing(all, best);
  // The app's tested pair, when it does not fit, is always among the rejections (with its reason), never just absent.
  if (tested.unfit !== undefined && !shown.includes(tested.unfit)) shown.push(tested.unfit);
  const rejected: Rejection[] = shown.flatMap((c) => {
    const reason = mainFailure(c);
    return reason === undefined ? [] : [{ target: targetLabel(c), reason, message: reasonMessage(reason) }];
  });
  const notes = notesFor({ input, best, accepted, preferXformers, driverUpgrade });
  if (best !== undefined && best === tested.fit) notes.unshift(note('app-tested-pair', { app: input.app, torch: `${best.row.version}+${best.variant.tag}`, source: app?.tested?.source ?? '' }));
  const unfitReason = tested.unfit === undefined ? undefined : mainFailure(tested.unfit);
  if (tested.unfit !== undefined && unfitReason !== undefined) {
    notes.unshift(note('app-tested-pair-unfit', { app: input.app, torch: `${tested.unfit.row.version}+${tested.unfit.variant.tag}`, reason: reasonMessage(unfitReason) }));
  }
  if (beyond !== undefined) notes.unshift(note('above-app-bound', { app: input.app, max: app?.maxTorch ?? '?', torch: `${beyond.row.version}+${beyond.variant.tag}` }));
  if (looked?.unconfirmed === true) notes.push(note('unconfirmed-data', { what: 'gpu', gpu: looked.matched }));
  const bestTarget = best === undefined ? null : toTarget(best);
  return {
    status,
    best: bestTarget,
    alternatives: alternativesTo(best, accepted).map(toTarget),
    rejected,
    unconfirmed: (bestTarget ?? driverUpgrade?.target)?.unconfirmed === true || looked?.unconfirmed === true,
    notes,
    driverUpgrade,
    appBounds: appBoundsOf(app),
  };
}

/** The app's tested pair among the candidates: the first of its CUDA variants that fits (native driver first), else the first. */
function testedPair(app: AppRow | null, all: readonly Candidate[]): { fit?: Candidate; unfit?: Candidate } {
  const pair = app?.tested ?? null;
  if (pair === null) return {};
  const rank = (c: Candidate): number => pair.cudaTags.indexOf(c.variant.tag);
  const mine = all.filter((c) => c.row.version === pair.torch && rank(c) >= 0).sort((a, b) => rank(a) - rank(b));
  const fits = mine.filter((c) => c.failures.length === 0);
  const fit = fits.find((c) => c.driverFit === 'native') ?? fits[0];
  return fit !== undefined ? { fit } : mine[0] !== undefined ? { unfit: mine[0] } : {};
}

/**
 * The build closest to the app's upper bound among those that break only that bound (the oldest such release; native
 * driver, confirmed data and, where the app uses it, xformers first), marked unconfirmed with that doubt.
 */
function aboveBound(all: readonly Candidate[], preferXformers: boolean): Candidate | undefined {
  const beyond = all.filter((c) => c.failures.length > 0 && c.failures.every((f) => f.code === 'torch-too-new-for-app'));
  const rank = (c: Candidate): number[] => [Number(c.driverFit !== 'native'), Number(c.demoted), Number(preferXformers && c.xformers === null)];
  const chosen = [...beyond].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    const i = ra.findIndex((v, k) => v !== rb[k]);
    return i >= 0 ? (ra[i] ?? 0) - (rb[i] ?? 0) : comparePep440(a.row.version, b.row.version) || byNewest(a, b);
  })[0];
  if (chosen === undefined) return undefined;
  const bound = chosen.failures[0]?.params ?? {};
  const doubts = [...chosen.doubts, doubt('above-app-bound', { app: msg(`ui:scan.kinds.${bound.app ?? 'unknown'}`), max: bound.max ?? '', source: bound.source ?? '' })];
  return { ...chosen, failures: [], unconfirmed: true, doubts };
}

/** The app's torch bounds and tested pair with their sources, as the recommendation reports them. */
function appBoundsOf(app: AppRow | null): AppBounds | null {
  if (app === null || app.app === 'unknown') return null;
  const bound = (torch: string | null, b: BoundSource | null) =>
    torch === null ? null : { torch, source: b?.source ?? app.source, confirmed: b?.confirmed ?? app.confirmed, ...(b?.note ? { note: b.note } : {}) };
  return { app: app.app, min: bound(app.minTorch, app.bounds?.min ?? null), max: bound(app.maxTorch, app.bounds?.max ?? null), tested: app.tested };
}

function upgradeFor(
  ideal: Candidate | undefined,
  best: Candidate | undefined,
  driverOnly: readonly Candidate[],
  preferXformers: boolean,
  toTarget: (c: Candidate) => Target,
): DriverUpgrade | null {
  if (ideal === undefined || ideal === best || (ideal.failures.length === 0 && ideal.driverFit !== 'minor-compat')) return null;
  const unlock = cheapestUnlock(ideal, driverOnly);
  const small = best === undefined ? smallestUnlock(driverOnly, preferXformers) : undefined;
  return {
    minDriver: unlock.minDriver ?? 'unknown',
    cuda: unlock.variant.cuda,
    target: toTarget(unlock),
    smallest: small === undefined ? null : { minDriver: small.minDriver ?? 'unknown', cuda: small.variant.cuda, target: toTarget(small) },
  };
}

function notesFor(args: {
  input: RecommendInput;
  best: Candidate | undefined;
  accepted: readonly Candidate[];
  preferXformers: boolean;
  driverUpgrade: DriverUpgrade | null;
}): RecommendNote[] {
  const { input, best, accepted, preferXformers, driverUpgrade } = args;
  const notes: RecommendNote[] = [];
  if (input.driverVersion === null) notes.push(note('no-driver'));
  if (driverUpgrade !== null && best !== undefined) {
    notes.push(note('driver-unlocks-newer', { minDriver: driverUpgrade.minDriver, cuda: driverUpgrade.cuda, torch: driverUpgrade.target.torch }));
  }
  if (best === undefined) return notes;
  const label = `${best.row.version}+${best.variant.tag}`;
  if (preferXformers && best.xformers === null) notes.push(note('no-xformers-for-build', { torch: label, platform: input.platform }));
  const newer = accepted.filter((c) => c.demoted === best.demoted && c.xformers === null && comparePep440(c.row.version, best.row.version) > 0).sort(byNewest)[0];
  if (preferXformers && best.xformers !== null && newer !== undefined) {
    notes.push(note('newer-without-xformers', { torch: `${newer.row.version}+${newer.variant.tag}`, chosen: label }));
  }
  if (best.pythonExperimental) notes.push(note('python-experimental', { python: input.pythonVersion ?? '?', torch: best.row.version }));
  if (best.unconfirmed) notes.push(note('unconfirmed-data', { what: 'target', torch: label }));
  const current = input.currentTorch === null ? null : releaseOf(input.currentTorch);
  if (current !== null && comparePep440(best.row.version, current) < 0) notes.push(note('downgrade', { from: input.currentTorch ?? '', to: label }));
  if (current === best.row.version && input.currentTorch?.endsWith(`+${best.variant.tag}`) === true) {
    notes.push(note('already-installed', { torch: label }));
  }
  return notes;
}
