import { z } from 'zod';
import { Msg } from '../i18n/message.js';

/** Stable finding codes (design/CONTRACT.md). `code` never changes; add new ones at the end. */
export const FINDING_CODES = [
  'no-nvidia-gpu',
  'driver-not-installed',
  'driver-not-loaded',
  'driver-library-mismatch',
  'driver-too-old',
  'cpu-only-torch',
  'gpu-arch-unsupported',
  'gpu-too-old-for-torch',
  'xformers-torch-mismatch',
  'torchvision-torch-mismatch',
  'cudnn-dll-missing',
  'cudnn-major-mismatch',
  'torch-dll-load-failed',
  'toolkit-torch-mismatch',
  'torch-too-old-for-app',
  'no-matching-torch-wheel',
  'wrong-environment',
  'launcher-pins-torch',
  'launcher-config-syntax',
  // Codes added by TorchLift beyond the contract's first list (documented in README).
  'cuda-versions-differ',
  'install-broken',
  'probe-failed',
  'skip-torch-cuda-test',
  'cuda-unavailable',
  'cuda-out-of-memory',
] as const;

export const FindingCode = z.enum(FINDING_CODES);
export type FindingCode = z.infer<typeof FindingCode>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/** One diagnosis: what is wrong, why, and what to do. Text is in the user's language. */
export const Finding = z.object({
  code: FindingCode,
  severity: Severity,
  title: z.string(),
  detail: z.string(),
  fix: z.string(),
  evidence: z.array(z.string()),
  /**
   * `evidence` in the same order, each line either verbatim text (a quoted log line) or the catalog message it was
   * rendered from (a line TorchLift wrote itself, e.g. "scan: NVIDIA driver 546.33 (CUDA ≤ 12.3)").
   */
  evidenceParts: z.array(z.union([z.string(), Msg])).optional(),
  /** The install this finding is about, when it is about one. */
  installPath: z.string().optional(),
  /** True when the advice rests on a knowledge row marked unconfirmed. */
  unconfirmed: z.boolean().optional(),
  /**
   * The commands the fix shows, each exactly as built by the one pip builder: `display` (what the fix text and the
   * copy button give) and the argv it stands for (`file` = the install's interpreter, `args`).
   */
  commands: z.array(z.object({ display: z.string(), file: z.string(), args: z.array(z.string()) })).optional(),
});
export type Finding = z.infer<typeof Finding>;
