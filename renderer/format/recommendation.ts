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

export { REASON_CONTEXTS, REASON_PARAMS, reasonKey } from '../../shared/i18n/reasons.js';
