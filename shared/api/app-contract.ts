import { z } from 'zod';
import { TxLang as Lang } from '../schemas/tx.js';
import { PYPI_MIRRORS, TORCH_MIRRORS } from '../sources/mirrors.js';

const lang = { lang: Lang.optional() };

/** An http(s) URL (mirrors, custom indexes, the NVIDIA downloads base). */
const HttpUrl = z.string().trim().url().refine((u) => /^https?:\/\//i.test(u), { message: 'must start with http:// or https://' });

/** Where torch wheels come from: the official index, a mirror preset, or a custom index / find-links URL. */
export const TorchSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('official') }),
  z.object({ kind: z.literal('mirror'), mirror: z.enum(TORCH_MIRRORS.map((m) => m.name) as [string, ...string[]]) }),
  z.object({ kind: z.literal('custom'), url: HttpUrl, style: z.enum(['index', 'find-links']).default('index') }),
]);
export type TorchSource = z.infer<typeof TorchSource>;

/** Engine-side settings, stored in `<dataDir>/settings.json`; every goal reads its default sources from here. */
export const Settings = z.object({
  /** The UI and report language; null follows the system. */
  lang: Lang.nullable().default(null),
  torchSource: TorchSource.default({ kind: 'official' }),
  /** PyPI mirror for the packages that are not torch's: a preset name, a custom simple-index URL, or null (pypi.org). */
  pypiMirror: z.union([z.enum(PYPI_MIRRORS.map((m) => m.name) as [string, ...string[]]), HttpUrl]).nullable().default(null),
  /** A folder of wheels to install from offline (pip --find-links … --no-index); null: download. */
  localWheelDir: z.string().min(1).nullable().default(null),
  /** Base URL for NVIDIA downloads (CUDA / cuDNN redistributables); null: NVIDIA's own servers. */
  nvidiaBaseUrl: HttpUrl.nullable().default(null),
});
export type Settings = z.infer<typeof Settings>;

export const SizeInfo = z.object({ path: z.string(), bytes: z.number() });

/** About TorchLift: versions, licences of what it ships, where its files are and how big they are. */
export const About = z.object({
  version: z.string(),
  node: z.string(),
  electron: z.string().nullable(),
  dataDir: z.string(),
  settingsFile: z.string(),
  logs: SizeInfo,
  backups: SizeInfo,
  cache: SizeInfo,
  licences: z.array(z.object({ name: z.string(), version: z.string(), license: z.string() })),
});
export type About = z.infer<typeof About>;

export const LogFile = z.object({ name: z.string(), bytes: z.number(), modified: z.string() });

/** The calls around the engine (settings, about, logs, report, folders), spread into apiContract. */
export const appContract = {
  getSettings: { input: z.object({ ...lang }), output: Settings },
  /** Stores the given settings (validated; a local wheel folder must exist) and returns what is stored now. */
  setSettings: { input: z.object({ settings: Settings, ...lang }), output: Settings },
  about: { input: z.object({ ...lang }), output: About },
  /** Empties the download cache (`<dataDir>/downloads`); backups are pruned with pruneHistory. */
  pruneCache: { input: z.object({ ...lang }), output: z.object({ freedBytes: z.number() }) },
  /** The newest log lines (oldest first) across the rotated files, and the files themselves. */
  readLogs: { input: z.object({ maxLines: z.number().int().min(1).max(5000).default(500), ...lang }), output: z.object({ dir: z.string(), files: z.array(LogFile), lines: z.array(z.string()) }) },
  /** One Markdown file for a forum post: scan, findings, recommendation, history, recent logs. */
  buildReport: { input: z.object({ anonymize: z.boolean().default(false), ...lang }), output: z.object({ fileName: z.string(), text: z.string() }) },
  /** The sub-folders of a folder (never files, never contents); no path: the home folder and the drive roots. */
  listFolders: {
    input: z.object({ path: z.string().optional(), ...lang }),
    output: z.object({ path: z.string().nullable(), parent: z.string().nullable(), folders: z.array(z.object({ name: z.string(), path: z.string() })) }),
  },
  /** The system's folder dialog (Electron host); elsewhere `supported: false` and the UI browses with listFolders. */
  pickFolder: { input: z.object({ title: z.string().max(200).optional(), defaultPath: z.string().optional(), ...lang }), output: z.object({ supported: z.boolean(), path: z.string().nullable() }) },
} as const;

export type AppCallName = keyof typeof appContract;
