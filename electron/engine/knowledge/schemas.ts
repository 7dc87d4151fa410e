import { z } from 'zod';

/** zod schemas of the knowledge files in resources/knowledge (each validated once, on first load). */

const Provenance = {
  source: z.string().min(1),
  confirmed: z.boolean(),
  note: z.string().optional(),
};

/** Every knowledge file: a versioned envelope around rows. */
export function knowledgeFile<T extends z.ZodTypeAny>(row: T) {
  return z.object({ schemaVersion: z.literal(1), updated: z.string(), description: z.string().optional(), rows: z.array(row) });
}

const Driver = z.string().regex(/^\d+(\.\d+)*$/);
const MajorMinor = z.string().regex(/^\d+\.\d+$/);
const CudaTag = z.string().regex(/^cu\d{3}$/);

/** gpus.json: model name → compute capability. */
export const GpuRow = z.object({ name: z.string(), cc: MajorMinor, segment: z.enum(['geforce', 'workstation', 'datacenter', 'embedded']), ...Provenance });
export type GpuRow = z.infer<typeof GpuRow>;

/** cuda-drivers.json: toolkit release rows (§1a), family floors (§1b), and native max rows (§1c). */
export const CudaDriverRow = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('toolkit'), cuda: MajorMinor, release: z.string(), linux: Driver.nullable(), windows: Driver.nullable(), ...Provenance }),
  z.object({
    kind: z.literal('family-floor'), family: z.string().regex(/^\d+$/), linux: Driver, windows: Driver,
    maxDriverExclusive: Driver.nullable(), ...Provenance,
  }),
  z.object({
    kind: z.literal('native-max'), cuda: MajorMinor, linux: Driver, windows: Driver.nullable(),
    unconfirmedPlatforms: z.array(z.enum(['linux', 'windows'])).optional(), ...Provenance,
  }),
]);
export type CudaDriverRow = z.infer<typeof CudaDriverRow>;

/** torch-releases.json: one row per torch release. */
export const TorchVariant = z.object({ tag: CudaTag, cuda: MajorMinor, cudnn: z.string().nullable(), experimental: z.boolean().optional() });
export type TorchVariant = z.infer<typeof TorchVariant>;
export const KnownIssue = z.object({ platforms: z.array(z.enum(['windows', 'linux'])), code: z.string(), summary: z.string(), source: z.string() });
export type KnownIssue = z.infer<typeof KnownIssue>;
export const TorchRow = z.object({
  version: z.string(),
  released: z.string(),
  status: z.enum(['released', 'planned']),
  python: z.object({ min: MajorMinor, max: MajorMinor, experimental: z.array(MajorMinor) }),
  variants: z.array(TorchVariant),
  pypiDefaultLinux: z.object({ tag: CudaTag, confirmed: z.boolean() }).nullable(),
  torchvision: z.string().nullable(),
  torchaudio: z.string().nullable(),
  indexOption: z.enum(['--index-url', '--extra-index-url']),
  unconfirmedFields: z.array(z.string()).optional(),
  knownIssues: z.array(KnownIssue).optional(),
  ...Provenance,
});
export type TorchRow = z.infer<typeof TorchRow>;

/** torch-arch-lists.json: compiled arch list for a torch range (PEP 440 specifier) × CUDA × OS. */
export const ArchRow = z.object({
  torch: z.string(), cuda: MajorMinor, platform: z.enum(['linux', 'windows']),
  archs: z.array(z.string().regex(/^(sm|compute)_\d+[af]?$/)),
  /** Entries of `archs` whose presence no primary source confirms (the rest of the row is confirmed). */
  unconfirmedArchs: z.array(z.string()).optional(),
  ...Provenance,
});
export type ArchRow = z.infer<typeof ArchRow>;

/** xformers.json: one row per xformers release. */
export const XformersRow = z.object({
  version: z.string(),
  released: z.string(),
  torch: z.string(), // PEP 440 specifier, e.g. "==2.3.1" or ">=2.10"
  builtAgainst: z.string(),
  cuda: z.array(CudaTag),
  pypiCuda: CudaTag.nullable(),
  python: z.object({ min: MajorMinor, max: MajorMinor.nullable() }),
  windows: z.array(CudaTag),
  onTorchIndex: z.boolean(),
  archFloor: MajorMinor,
  archFloorByCudaMajor: z.record(z.string(), MajorMinor).optional(),
  ...Provenance,
});
export type XformersRow = z.infer<typeof XformersRow>;

/** windows-dlls.json: torch\lib DLL names per CUDA major / cuDNN major, and companions. */
export const DllRow = z.object({
  kind: z.enum(['cuda', 'cudnn', 'companion']),
  major: z.number().int().nullable(),
  files: z.array(z.string()),
  patterns: z.array(z.string()),
  ...Provenance,
});
export type DllRow = z.infer<typeof DllRow>;

/** Where one of an app's torch bounds comes from (a URL into the app's own repository where one was read). */
export const BoundSource = z.object({ source: z.string().min(1), confirmed: z.boolean(), note: z.string().optional() });
export type BoundSource = z.infer<typeof BoundSource>;

/** The torch build the app itself installs and tests (its TORCH_COMMAND / requirements pin). */
export const TestedPair = z.object({
  torch: z.string(),
  /** The CUDA variants the app installs it from, preferred first. */
  cudaTags: z.array(CudaTag).min(1),
  xformers: z.string().nullable(),
  source: z.string().min(1),
  confirmed: z.boolean(),
});
export type TestedPair = z.infer<typeof TestedPair>;

/** apps.json: what each SD app installs by default, the torch range it accepts (with sources) and its tested pair. */
export const AppRow = z.object({
  app: z.enum(['a1111', 'forge', 'sdnext', 'comfyui', 'comfyui-portable', 'fooocus', 'invokeai', 'unknown', 'aki', 'kohya_ss', 'sd-scripts', 'onetrainer']),
  appVersions: z.string().nullable(), // PEP 440 specifier of the app's own version; null = any/current
  minTorch: z.string().nullable(),
  /** The newest torch the app is known to run, as a release prefix ("2.7" = any 2.7.x); null = no bound known. */
  maxTorch: z.string().regex(/^\d+(\.\d+)*$/).nullable().default(null),
  bounds: z.object({ min: BoundSource.nullable(), max: BoundSource.nullable() }).optional(),
  tested: TestedPair.nullable().default(null),
  preferXformers: z.boolean(),
  needsTorchaudio: z.boolean(),
  torchIndexUrl: z.string().nullable(),
  torchCommand: z.string().nullable(),
  xformersPackage: z.string().nullable(),
  python: z.object({ windows: z.array(MajorMinor), linux: z.object({ min: MajorMinor, max: MajorMinor }).nullable() }).nullable(),
  ...Provenance,
});
export type AppRow = z.infer<typeof AppRow>;
