import { z } from 'zod';
import { Msg } from '../i18n/message.js';

/** The recommendation engine's answer: which torch build to install and why the others were left out. */

/** Stable reason/note codes; the UI renders text from code + params (an English `message` comes along). */
export const RECOMMEND_REASON_CODES = [
  'needs-driver', // params: cuda, minDriver, have, tag
  'gpu-too-new', // the build has no kernels for the GPU: params cc, highest, tag, torch
  'gpu-too-old', // the build dropped the GPU's arch: params cc, lowest, tag, torch
  'arch-unknown', // no arch list in the knowledge base: params torch, tag, platform
  'python-unsupported', // params python, min, max, torch
  'torch-too-old-for-app', // params app, need, torch
  'torch-too-new-for-app', // newer than the app is known to run: params app, max, torch, source
  'known-issue', // params issue, summary, source, torch, platform
  // notes
  'python-experimental',
  'no-xformers-for-build',
  'newer-without-xformers',
  'driver-unlocks-newer',
  'downgrade',
  'already-installed',
  'unconfirmed-data',
  'gpu-cc-unknown',
  'no-driver',
  'app-tested-pair', // the best build is the app's own tested pair: params app, torch, source
  'app-tested-pair-unfit', // the app's tested pair does not fit this machine: params app, torch, reason
  'above-app-bound', // nothing inside the app's bounds fits; the build offered is newer than it was tested with: params app, max, torch
  'no-gpu-cpu-torch', // no NVIDIA GPU: no CUDA build is offered; what applies instead: params torch
] as const;

export const RecommendReason = z.object({ code: z.string(), params: z.record(z.string(), z.string()) });
export type RecommendReason = z.infer<typeof RecommendReason>;

/** A reason or note with its English rendering. */
export const RecommendNote = RecommendReason.extend({ message: z.string() });
export type RecommendNote = z.infer<typeof RecommendNote>;

/** One installable torch build. */
export const Target = z.object({
  torch: z.string(), // "2.3.1+cu121"
  torchvision: z.string().nullable(), // "0.18.1+cu121"
  torchaudio: z.string().nullable().optional(), // only for apps that need it (ComfyUI)
  xformers: z.string().nullable(), // "0.0.27"
  cudaTag: z.string(), // "cu121"
  cuda: z.string().optional(), // "12.1"
  cudnn: z.string().nullable().optional(), // RELEASE.md pin, e.g. "8.9.2.26"
  minDriver: z.string().nullable().optional(), // native minimum for this platform, e.g. "531.14"
  indexUrl: z.string(), // "https://download.pytorch.org/whl/cu121"
  pipCommand: z.array(z.string()), // argv after `python -m pip`
  unconfirmed: z.boolean(),
  /** xformers comes from the torch variant's index (else PyPI, named as an extra index in pipCommand). */
  xformersOnTorchIndex: z.boolean().optional(),
  /**
   * The whole command for one install (its own interpreter, quoted for the platform), when the install is known:
   * `display` for the card and its copy button, `file` + `args` for running it (commands/pip.ts).
   */
  command: z.object({ display: z.string(), file: z.string(), args: z.array(z.string()) }).optional(),
  /**
   * How the driver runs this build: 'native' (the driver is at least NVIDIA's toolkit driver for the build's CUDA,
   * Table 3) or 'minor-compat' (it loads through minor-version compatibility, Table 2: works, but NVIDIA recommends
   * `recommendedDriver`). Absent when no driver is known.
   */
  driverFit: z.enum(['native', 'minor-compat']).optional(),
  /** NVIDIA's toolkit driver for the build's CUDA (Table 3), shown beside a 'minor-compat' fit. */
  recommendedDriver: z.string().nullable().optional(),
  /** This is the app's own tested pair (apps.json `tested`: its TORCH_COMMAND / requirements pin). */
  testedByApp: z.boolean().optional(),
  /**
   * Why `unconfirmed` is true, one message per doubt (`ui:diagnosis.recommendation.unconfirmedWhy.<code>`): which
   * row or figure no primary source confirms. Empty or absent when the target is confirmed.
   */
  unconfirmedWhy: z.array(Msg).optional(),
});
export type Target = z.infer<typeof Target>;

/** A build that was considered and left out. */
export const Rejection = z.object({ target: z.string(), reason: RecommendReason, message: z.string() });
export type Rejection = z.infer<typeof Rejection>;

/** A driver that would unlock a better build (TorchLift never touches drivers; the user updates it). */
export const DriverUpgrade = z.object({
  minDriver: z.string(),
  cuda: z.string(),
  target: Target,
  /** The smallest driver that unlocks any build at all (may be older torch than `target`). */
  smallest: z.object({ minDriver: z.string(), cuda: z.string(), target: Target }).nullable(),
});
export type DriverUpgrade = z.infer<typeof DriverUpgrade>;

export const RecommendStatus = z.enum(['ok', 'driver-update-needed', 'no-nvidia-gpu', 'unknown-gpu', 'no-compatible-build']);
export type RecommendStatus = z.infer<typeof RecommendStatus>;

/** One bound of the app's torch range, with where it comes from. */
export const AppBound = z.object({ torch: z.string(), source: z.string(), confirmed: z.boolean(), note: z.string().optional() });
export type AppBound = z.infer<typeof AppBound>;

/** The app's torch range and tested pair the recommendation applied (apps.json). */
export const AppBounds = z.object({
  app: z.string(),
  min: AppBound.nullable(),
  max: AppBound.nullable(),
  tested: z.object({ torch: z.string(), cudaTags: z.array(z.string()), xformers: z.string().nullable(), source: z.string(), confirmed: z.boolean() }).nullable(),
});
export type AppBounds = z.infer<typeof AppBounds>;

export const Recommendation = z.object({
  status: RecommendStatus,
  best: Target.nullable(),
  alternatives: z.array(Target),
  rejected: z.array(Rejection),
  /** The best target (or the status) rests on knowledge rows not confirmed by a primary source. */
  unconfirmed: z.boolean(),
  notes: z.array(RecommendNote),
  driverUpgrade: DriverUpgrade.nullable(),
  /** The app's lower and upper torch bounds and its tested pair, each with its source (absent for unknown apps). */
  appBounds: AppBounds.nullable().optional(),
});
export type Recommendation = z.infer<typeof Recommendation>;
