import { z } from 'zod';
import { Msg } from '../i18n/message.js';
import { Refusal, SpaceCheck, TxLang } from './tx.js';

export { JobDownload, VerifyCheck, VerifyReport } from './tx.js';

/** Shapes of the torch-upgrade goal (issue 7): its input, its plan, and what its job reports while it runs. */

/**
 * Where wheels come from: the official PyTorch index (TORCHLIFT_TORCH_INDEX), a named mirror preset
 * (index-style such as NJU/SJTU, or find-links-style such as Aliyun's pytorch-wheels), or a custom base URL.
 * A local wheel folder (offline) is `findLinks` on the input, not a source.
 */
export const WheelSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('official') }),
  z.object({ kind: z.literal('mirror'), name: z.string().min(1) }),
  z.object({ kind: z.literal('url'), url: z.string().min(1) }),
]);
export type WheelSource = z.infer<typeof WheelSource>;

/** Input of planTorchUpgrade / startApply for the torch-upgrade goal. */
export const TorchUpgradeInput = z.object({
  app: z.string().min(1),
  /** An exact torch version ("2.5.1" or "2.5.1+cu121"); left out: the recommendation. */
  torch: z.string().min(1).optional(),
  /** An xformers version, 'none' (uninstall it), or 'keep' (leave as it is); left out: pin the one that pairs. */
  xformers: z.string().min(1).optional(),
  source: WheelSource.optional(),
  /** A local folder of wheels (offline machines): no index is asked. */
  findLinks: z.string().min(1).optional(),
  /** The user has seen (in the review) and accepts changes to packages outside the torch family. */
  allowOtherPackages: z.boolean().optional(),
  lang: TxLang.optional(),
});
export type TorchUpgradeInput = z.infer<typeof TorchUpgradeInput>;

/** One distribution the plan installs, replaces, removes or leaves. */
export const PlanPackage = z.object({
  name: z.string(),
  action: z.enum(['install', 'replace', 'remove', 'keep']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Where the wheel comes from (an index URL, or a file in the local folder / cache). */
  url: z.string().nullable(),
  /** The index's published sha256 (the `#sha256=` fragment), null where none was published. */
  sha256: z.string().nullable(),
  /** Download size asked of the server (HEAD), or the local file's size; null where unknown. */
  bytes: z.number().nullable(),
  /** True when the wheel is already in the verified cache (nothing to download). */
  cached: z.boolean(),
  /** torch, torchvision, torchaudio, xformers and the CUDA libraries they bring (nvidia-*, triton). */
  family: z.boolean(),
});
export type PlanPackage = z.infer<typeof PlanPackage>;

/** The target the plan installs, and why. */
export const UpgradeTarget = z.object({
  torch: z.string(),
  torchvision: z.string().nullable(),
  torchaudio: z.string().nullable(),
  xformers: z.string().nullable(),
  /** 'cu121', 'cu128', … or 'cpu'. */
  variant: z.string(),
  /** CUDA version of the build, null for CPU builds. */
  cuda: z.string().nullable(),
  /** The index pip resolves from (for the record: the install itself runs from the verified local files). */
  indexUrl: z.string().nullable(),
  /** Why this target (recommended, chosen with --torch, the app's tested pair …). */
  why: z.string(),
  whyMsg: Msg.optional(),
});
export type UpgradeTarget = z.infer<typeof UpgradeTarget>;

/** A launcher line the plan rewrites (A1111/Forge webui-user.bat/.sh TORCH_COMMAND, XFORMERS_PACKAGE). */
export const LauncherChange = z.object({
  file: z.string(),
  variable: z.string(),
  before: z.string().nullable(),
  after: z.string(),
});
export type LauncherChange = z.infer<typeof LauncherChange>;

/** Other targets the user may pick (with why), and those ruled out (with the reason). */
export const TargetOption = z.object({ torch: z.string(), variant: z.string(), note: z.string(), noteMsg: Msg.optional() });
export type TargetOption = z.infer<typeof TargetOption>;

/** `torchlift plan torch-upgrade`: every package old → new, download size, disk, launcher lines, refusals. */
export const TorchUpgradePlan = z.object({
  goal: z.literal('torch-upgrade'),
  app: z.string(),
  python: z.string().nullable(),
  pythonVersion: z.string().nullable(),
  status: z.enum(['ready', 'refused']),
  refusals: z.array(Refusal),
  current: z.object({ torch: z.string().nullable(), torchvision: z.string().nullable(), torchaudio: z.string().nullable(), xformers: z.string().nullable() }),
  target: UpgradeTarget.nullable(),
  /** What happens to xformers and why ('drop': removed because no build pairs — the reason is shown). */
  xformers: z.object({ action: z.enum(['install', 'keep', 'drop', 'none']), reason: z.string().nullable(), reasonMsg: Msg.nullable().optional() }),
  alternatives: z.array(TargetOption),
  rejected: z.array(TargetOption),
  packages: z.array(PlanPackage),
  /** Bytes still to download (not in the cache). */
  downloadBytes: z.number(),
  /** Bytes the upgrade needs on the install's volume (unpacked wheels + snapshot + cache) vs free. */
  space: z.array(SpaceCheck),
  launcher: z.array(LauncherChange),
  /** Source in plain words, e.g. "official PyTorch index", "mirror NJU", "local folder D:\\wheels". */
  source: z.object({ kind: z.enum(['official', 'mirror', 'url', 'local']), label: z.string(), labelMsg: Msg.optional(), indexUrl: z.string().nullable(), pipIndexUrl: z.string().nullable(), findLinks: z.string().nullable() }),
  steps: z.array(z.string()),
  notes: z.array(z.string()),
  /**
   * The texts above as messages (shared/i18n/message.ts), rendered by i18next in the language on screen so a
   * language switch re-renders the review without planning again: steps and notes one per entry in the same order (null: raw text, shown as it is);
   * the target's `whyMsg`, each option's `noteMsg`, `xformers.reasonMsg` and `source.labelMsg` beside their strings.
   */
  stepMsgs: z.array(Msg.nullable()).optional(),
  noteMsgs: z.array(Msg.nullable()).optional(),
});
export type TorchUpgradePlan = z.infer<typeof TorchUpgradePlan>;
