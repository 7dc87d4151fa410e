import { z } from 'zod';
import { Msg } from '../i18n/message.js';
import { Refusal, TxLang } from './tx.js';

/** One file the goal downloads (or finds in the cache, or takes from the user's disk). */
export const CudaDownload = z.object({
  name: z.string(),
  url: z.string(),
  /** Published size (manifest) or asked of the server; null where unknown. */
  bytes: z.number().nullable(),
  sha256: z.string().nullable(),
  md5: z.string().nullable(),
  /** Already verified in the download cache, or a local file: nothing to fetch. */
  cached: z.boolean(),
});
export type CudaDownload = z.infer<typeof CudaDownload>;

/** An environment variable the goal sets. */
export const CudaEnvVar = z.object({ name: z.string(), value: z.string(), scope: z.enum(['user', 'machine']) });
export type CudaEnvVar = z.infer<typeof CudaEnvVar>;

/** `torchlift plan|apply cuda-install --version X.Y [--mode system|user] [--installer FILE]`. */
export const CudaInstallInput = z.object({
  version: z.string().regex(/^\d+\.\d+(\.\d+)?$/),
  mode: z.enum(['system', 'user']).optional(),
  installer: z.string().min(1).optional(),
  lang: TxLang.optional(),
});
export type CudaInstallInput = z.infer<typeof CudaInstallInput>;

export const CudaInstallPlan = z.object({
  goal: z.literal('cuda-install'),
  version: z.string(),
  /** X.Y.Z of the release used. */
  release: z.string(),
  mode: z.enum(['system', 'user']),
  platform: z.string(),
  status: z.enum(['ready', 'refused', 'already-installed']),
  refusals: z.array(Refusal),
  driver: z.object({ version: z.string().nullable(), maxCuda: z.string().nullable() }),
  /** Where the toolkit goes. */
  target: z.string(),
  downloads: z.array(CudaDownload),
  downloadBytes: z.number(),
  /** Installer subpackages (system mode, Windows) or redistributable components (user mode). */
  components: z.array(z.string()),
  /** The exact installer argument list (system mode), null otherwise. Never contains Display.Driver or --driver. */
  installerArgs: z.array(z.string()).nullable(),
  /** Administrator rights (UAC on Windows, root on Linux) are needed. */
  elevation: z.boolean(),
  env: z.array(CudaEnvVar),
  /** What a toolkit changes and what it does not (torch loads its own CUDA from torch\lib). */
  notes: z.array(z.string()),
  steps: z.array(z.string()),
  /** The same notes and steps as messages (one per entry, same order; null for raw text), rendered in the language on screen. */
  noteMsgs: z.array(Msg.nullable()).optional(),
  stepMsgs: z.array(Msg.nullable()).optional(),
});
export type CudaInstallPlan = z.infer<typeof CudaInstallPlan>;

/** `torchlift plan|apply cudnn-overlay --toolkit DIR (--archive FILE | --version 9.x)`. */
export const CudnnOverlayInput = z.object({
  toolkit: z.string().min(1),
  archive: z.string().min(1).optional(),
  version: z.string().regex(/^\d+\.\d+(\.\d+){0,2}$/).optional(),
  lang: TxLang.optional(),
});
export type CudnnOverlayInput = z.infer<typeof CudnnOverlayInput>;

export const CudnnOverlayFile = z.object({
  /** Path inside the archive. */
  entry: z.string(),
  target: z.string(),
  action: z.enum(['replace', 'create']),
  bytes: z.number(),
  oldBytes: z.number().nullable(),
});
export type CudnnOverlayFile = z.infer<typeof CudnnOverlayFile>;

export const CudnnOverlayPlan = z.object({
  goal: z.literal('cudnn-overlay'),
  toolkit: z.string(),
  toolkitCuda: z.string().nullable(),
  status: z.enum(['ready', 'refused', 'already-installed']),
  refusals: z.array(Refusal),
  cudnn: z.object({ from: z.string().nullable(), to: z.string().nullable(), builtFor: z.string().nullable() }),
  source: z.string(),
  download: CudaDownload.nullable(),
  files: z.array(CudnnOverlayFile),
  backupBytes: z.number(),
  newBytes: z.number(),
  elevation: z.boolean(),
  notes: z.array(z.string()),
  steps: z.array(z.string()),
  /** The same notes and steps as messages (one per entry, same order; null for raw text), rendered in the language on screen. */
  noteMsgs: z.array(Msg.nullable()).optional(),
  stepMsgs: z.array(Msg.nullable()).optional(),
});
export type CudnnOverlayPlan = z.infer<typeof CudnnOverlayPlan>;

/** `torchlift plan cuda-path --app DIR`: the guided sequence for one install. */
export const CudaPathInput = z.object({
  app: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+$/).optional(),
  cudnn: z.string().optional(),
  lang: TxLang.optional(),
});
export type CudaPathInput = z.infer<typeof CudaPathInput>;

export const CudaPathStep = z.object({
  id: z.enum(['driver', 'toolkit', 'cudnn', 'dll-swap', 'verify', 'torch-upgrade']),
  title: z.string(),
  /** What the step changes and why, in plain words. */
  detail: z.string(),
  state: z.enum(['todo', 'done', 'skipped', 'blocked']),
  /** The command that runs this step (CLI form), where there is one. */
  command: z.string().nullable(),
  /** `title` and `detail` as messages (rendered in any language by the UI). */
  titleMsg: Msg.optional(),
  detailMsg: Msg.optional(),
  /** The folder this step works on or found done (the toolkit), where there is one. */
  path: z.string().nullable().optional(),
});
export type CudaPathStep = z.infer<typeof CudaPathStep>;

export const CudaPathPlan = z.object({
  goal: z.literal('cuda-path'),
  app: z.string(),
  torch: z.object({ version: z.string().nullable(), cuda: z.string().nullable() }),
  driver: z.object({ version: z.string().nullable(), maxCuda: z.string().nullable() }),
  targetCuda: z.string(),
  /** The route works (no blocker), or the DLL swap cannot work and the torch upgrade is offered instead. */
  route: z.enum(['dll-swap', 'torch-upgrade', 'blocked']),
  /** Said at the start when the DLL swap cannot work (e.g. a cu118 torch and CUDA 12 DLLs). */
  blocker: z.string().nullable(),
  /** `blocker` as a message. */
  blockerMsg: Msg.nullable().optional(),
  /** The cuDNN version the path overlays (8.x for a torch with cuDNN 8, else 9.x). */
  cudnn: z.string().optional(),
  steps: z.array(CudaPathStep),
});
export type CudaPathPlan = z.infer<typeof CudaPathPlan>;
