import type { Install } from '../../shared/schemas/detect.js';
import type { AppBounds, Recommendation, Target } from '../../shared/schemas/recommend.js';
import type { Msg } from '../../shared/i18n/message.js';

/** One torch stack the engine suggests, as the UI shows it (optional fields the engine left out are null). */
export interface TargetView {
  torch: string;
  torchvision: string | null;
  xformers: string | null;
  cudaTag: string | null;
  indexUrl: string | null;
  pipCommand: string[] | null;
  /** The whole command for this install (its own interpreter), when the engine built one. */
  command: string | null;
  /** 'native' (NVIDIA's toolkit driver) or 'minor-compat' (runs through minor-version compatibility). */
  driverFit: NonNullable<Target['driverFit']> | null;
  /** NVIDIA's recommended driver for the build, shown beside a minor-compat fit. */
  recommendedDriver: string | null;
  unconfirmed: boolean;
  /** Why it is unconfirmed: one message per doubt (rendered with renderMsg). */
  unconfirmedWhy: Msg[];
  /** The app's own tested build (its TORCH_COMMAND / requirements pin). */
  testedByApp: boolean;
  /** The build's CUDA ("12.1"), for the driver line. */
  cuda: string | null;
}

/** The app's torch range and its tested build with their sources, as the recommendation applied them. */
export type AppBoundsView = AppBounds;

/** A note on the recommendation (a trade-off, a downgrade, unconfirmed data). */
export interface NoteView {
  text: string;
  code: string | null;
  params: Record<string, string>;
}

/** The recommendation for one install as the card shows it. */
export interface RecommendationView {
  status: Recommendation['status'];
  best: TargetView | null;
  alternatives: TargetView[];
  /** `reason` is the engine's English text; `code`/`params` let the UI say it in the user's language. */
  rejected: { target: string; reason: string; code: string | null; params: Record<string, string> }[];
  unconfirmed: boolean;
  /** `text` is the engine's English; `code`/`params` as for rejections. */
  notes: NoteView[];
  /** A driver (the user installs it; TorchLift never does) that would unlock a better build. */
  driverUpgrade: { minDriver: string; cuda: string | null; torch: string | null } | null;
  appBounds: AppBoundsView | null;
}

function targetView(target: Target): TargetView {
  return {
    torch: target.torch,
    torchvision: target.torchvision,
    xformers: target.xformers,
    cudaTag: target.cuda ? `${target.cudaTag} (CUDA ${target.cuda})` : target.cudaTag,
    indexUrl: target.indexUrl,
    pipCommand: target.pipCommand,
    command: target.command?.display ?? null,
    driverFit: target.driverFit ?? null,
    recommendedDriver: target.recommendedDriver ?? null,
    unconfirmed: target.unconfirmed,
    unconfirmedWhy: target.unconfirmedWhy ?? [],
    testedByApp: target.testedByApp === true,
    cuda: target.cuda ?? null,
  };
}

/** The engine's recommendation (shared/schemas/recommend.ts, typed end to end) as the card shows it. */
export function recommendationView(rec: Recommendation): RecommendationView {
  return {
    status: rec.status,
    best: rec.best ? targetView(rec.best) : null,
    alternatives: rec.alternatives.map(targetView),
    rejected: rec.rejected.map((r) => ({ target: r.target, reason: r.message, code: r.reason.code, params: r.reason.params })),
    unconfirmed: rec.unconfirmed,
    // The driver update is said once, by its own line (the engine also lists it among the notes for plain-text hosts).
    notes: rec.notes.filter((n) => rec.driverUpgrade === null || n.code !== 'driver-unlocks-newer').map((n) => ({ text: n.message, code: n.code, params: n.params })),
    driverUpgrade: rec.driverUpgrade ? { minDriver: rec.driverUpgrade.minDriver, cuda: rec.driverUpgrade.cuda, torch: rec.driverUpgrade.target.torch } : null,
    appBounds: rec.appBounds ?? null,
  };
}

/** The recommendation the engine attached to an install (detect puts one on every install), or null. */
export function recommendationFor(install: Install): RecommendationView | null {
  return install.recommendation ? recommendationView(install.recommendation) : null;
}

/**
 * Every reason and note code the engine sends (shared/schemas/recommend.ts) with the params its text needs; the
 * texts are `diagnosis.recommendation.reasons.<code>` in ui.json, with an i18next context where one code has two
 * wordings (`needs-driver_none` when no driver was found, `unconfirmed-data_gpu` / `_target`).
 */
export const REASON_PARAMS: Record<string, readonly string[]> = {
  'needs-driver': ['tag', 'minDriver', 'have'],
  'gpu-too-new': ['cc', 'highest'],
  'gpu-too-old': ['cc', 'lowest'],
  'arch-unknown': ['torch', 'tag', 'platform'],
  'python-unsupported': ['torch', 'python', 'min', 'max'],
  'torch-too-old-for-app': ['app', 'need'],
  'torch-too-new-for-app': ['app', 'max'],
  'app-tested-pair': ['app', 'torch'],
  'app-tested-pair-unfit': ['app', 'torch'],
  'above-app-bound': ['app', 'max', 'torch'],
  'no-gpu-cpu-torch': [],
  'known-issue': ['torch', 'platform', 'summary', 'source'],
  'python-experimental': ['python', 'torch'],
  'no-xformers-for-build': ['torch', 'platform'],
  'newer-without-xformers': ['torch', 'chosen'],
  'driver-unlocks-newer': ['minDriver', 'cuda', 'torch'],
  downgrade: ['from'],
  'already-installed': ['torch'],
  'unconfirmed-data': [],
  'gpu-cc-unknown': ['gpu'],
  'no-driver': [],
};

/** The i18next contexts a code may use (each has its own text in ui.json). */
export const REASON_CONTEXTS: Record<string, readonly string[]> = { 'needs-driver': ['none'], 'unconfirmed-data': ['gpu', 'target'], 'no-gpu-cpu-torch': ['torch'] };

const PLATFORM_NAMES: Record<string, string> = { windows: 'Windows', linux: 'Linux', macos: 'macOS' };

function contextOf(code: string, params: Record<string, string>): string | undefined {
  if (code === 'no-gpu-cpu-torch') return params.torch ? 'torch' : undefined;
  const value = code === 'needs-driver' ? params.have : code === 'unconfirmed-data' ? params.what : undefined;
  if (value === undefined || !REASON_CONTEXTS[code]?.includes(value)) return undefined;
  // unconfirmed-data names the GPU or the target build; without that name the general wording is used.
  return (value === 'gpu' && !params.gpu) || (value === 'target' && !params.torch) ? undefined : value;
}

/**
 * The UI string for a reason or note when its code is known and every param it needs is there; null → show the
 * engine's text. Platforms come back as their names ("Windows"); `app` stays a code for the caller to name.
 */
export function reasonKey(r: { code: string | null; params: Record<string, string> }): { key: string; params: Record<string, string>; context?: string } | null {
  const needed = r.code ? REASON_PARAMS[r.code] : undefined;
  if (!r.code || !needed || !needed.every((p) => r.params[p])) return null;
  const params = { ...r.params, ...(r.params.platform ? { platform: PLATFORM_NAMES[r.params.platform] ?? r.params.platform } : {}) };
  const context = contextOf(r.code, r.params);
  return { key: `diagnosis.recommendation.reasons.${r.code}`, params, ...(context ? { context } : {}) };
}
