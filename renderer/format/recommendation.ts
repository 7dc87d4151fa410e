import type { DetectReport, Install } from '../../shared/schemas/detect.js';
import { type Msg, isMsg } from '../../shared/i18n/message.js';

/** One torch stack the engine suggests, as the UI shows it (fields the engine left out are null). */
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
  driverFit: string | null;
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

/** One bound of the app's torch range with its source. */
export interface BoundView {
  torch: string;
  source: string;
  confirmed: boolean;
}

/** The app's torch range and its tested build, as the recommendation applied them. */
export interface AppBoundsView {
  app: string;
  min: BoundView | null;
  max: BoundView | null;
  tested: { torch: string; cudaTags: string[]; xformers: string | null; source: string; confirmed: boolean } | null;
}

/** A note on the recommendation (a trade-off, a downgrade, unconfirmed data). */
export interface NoteView {
  text: string;
  code: string | null;
  params: Record<string, string>;
}

/** The recommendation for one install, read defensively (its schema is still settling). */
export interface RecommendationView {
  status: string | null;
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

type Loose = Record<string, unknown>;
const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function readTarget(raw: unknown): TargetView | null {
  if (!isObj(raw)) return null;
  const torch = str(raw.torch);
  if (!torch) return null;
  const pip = Array.isArray(raw.pipCommand) && raw.pipCommand.every((a) => typeof a === 'string') ? (raw.pipCommand as string[]) : null;
  return {
    torch,
    torchvision: str(raw.torchvision),
    xformers: str(raw.xformers),
    cudaTag: str(raw.cudaTag) && str(raw.cuda) ? `${str(raw.cudaTag)} (CUDA ${str(raw.cuda)})` : (str(raw.cudaTag) ?? str(raw.cuda)),
    indexUrl: str(raw.indexUrl),
    pipCommand: pip,
    command: isObj(raw.command) ? str(raw.command.display) : null,
    driverFit: str(raw.driverFit),
    recommendedDriver: str(raw.recommendedDriver),
    unconfirmed: raw.unconfirmed === true,
    unconfirmedWhy: Array.isArray(raw.unconfirmedWhy) ? raw.unconfirmedWhy.filter(isMsg) : [],
    testedByApp: raw.testedByApp === true,
    cuda: str(raw.cuda),
  };
}

function readBound(raw: unknown): BoundView | null {
  if (!isObj(raw) || !str(raw.torch)) return null;
  return { torch: str(raw.torch) ?? '', source: str(raw.source) ?? '', confirmed: raw.confirmed === true };
}

function readAppBounds(raw: unknown): AppBoundsView | null {
  if (!isObj(raw) || !str(raw.app)) return null;
  const t = isObj(raw.tested) && str(raw.tested.torch) ? raw.tested : null;
  return {
    app: str(raw.app) ?? '',
    min: readBound(raw.min),
    max: readBound(raw.max),
    tested: t === null ? null : {
      torch: str(t.torch) ?? '',
      cudaTags: Array.isArray(t.cudaTags) ? t.cudaTags.filter((x): x is string => typeof x === 'string') : [],
      xformers: str(t.xformers),
      source: str(t.source) ?? '',
      confirmed: t.confirmed === true,
    },
  };
}

function readReason(raw: Loose): string {
  const message = str(raw.message) ?? (isObj(raw.reason) ? str(raw.reason.message) : str(raw.reason));
  if (message) return message;
  if (isObj(raw.reason)) {
    const params = isObj(raw.reason.params) ? Object.entries(raw.reason.params).map(([k, v]) => `${k}=${String(v)}`).join(', ') : '';
    return [str(raw.reason.code), params].filter(Boolean).join(': ');
  }
  return '';
}

function readCode(raw: unknown): { code: string | null; params: Record<string, string> } {
  if (!isObj(raw)) return { code: null, params: {} };
  const params = isObj(raw.params) ? Object.fromEntries(Object.entries(raw.params).map(([k, v]) => [k, String(v)])) : {};
  return { code: str(raw.code), params };
}

function readDriverUpgrade(raw: unknown): RecommendationView['driverUpgrade'] {
  if (!isObj(raw) || !str(raw.minDriver)) return null;
  return { minDriver: str(raw.minDriver) ?? '', cuda: str(raw.cuda), torch: readTarget(raw.target)?.torch ?? null };
}

/** Reads an engine recommendation of unknown exact shape; null when there is nothing usable. */
export function readRecommendation(raw: unknown): RecommendationView | null {
  if (!isObj(raw)) return null;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const view: RecommendationView = {
    status: str(raw.status),
    best: readTarget(raw.best),
    alternatives: list(raw.alternatives).map(readTarget).filter((t): t is TargetView => t !== null),
    rejected: list(raw.rejected)
      .filter(isObj)
      .map((r) => ({ target: str(r.target) ?? (isObj(r.target) ? (str(r.target.torch) ?? '') : ''), reason: readReason(r), ...readCode(r.reason) }))
      .filter((r) => r.target !== '' || r.reason !== ''),
    unconfirmed: raw.unconfirmed === true,
    notes: list(raw.notes).flatMap((n): NoteView[] => {
      if (typeof n === 'string') return [{ text: n, code: null, params: {} }];
      if (!isObj(n)) return [];
      const coded = readCode(n);
      const text = str(n.message) ?? coded.code ?? '';
      return text === '' ? [] : [{ text, ...coded }];
    }),
    driverUpgrade: readDriverUpgrade(raw.driverUpgrade),
    appBounds: readAppBounds(raw.appBounds),
  };
  // The driver update is said once, by its own line (the engine also lists it among the notes for plain-text hosts).
  if (view.driverUpgrade !== null) view.notes = view.notes.filter((n) => n.code !== 'driver-unlocks-newer');
  return view.status || view.best || view.alternatives.length > 0 || view.rejected.length > 0 ? view : null;
}

/** The recommendation attached to an install: `install.recommendation`, or a report-level list keyed by installPath. */
export function recommendationFor(report: DetectReport, install: Install): RecommendationView | null {
  const own = (install as Install & { recommendation?: unknown }).recommendation;
  if (own !== undefined) return readRecommendation(own);
  const all = (report as DetectReport & { recommendations?: unknown }).recommendations;
  if (Array.isArray(all)) {
    const match = all.find((r) => isObj(r) && (r.installPath === install.path || r.path === install.path));
    return match ? readRecommendation(isObj(match) && 'recommendation' in match ? match.recommendation : match) : null;
  }
  return null;
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
