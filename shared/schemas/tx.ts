import { z } from 'zod';
import { Msg } from '../i18n/message.js';

/** Shapes of transactions, the dll-swap plan, apply jobs and history (journal.json on disk, and the API). */

/** A journal's state; the transitions are data in electron/engine/tx/journal-state.ts. */
export const TxState = z.enum([
  'planned', 'preparing', 'prepared', 'applying', 'applied', 'verifying', 'verified', 'committed', 'rolling-back', 'rolled-back',
]);
export type TxState = z.infer<typeof TxState>;

/**
 * Size and content identity of one version of a file: `xxh3` (xxh3-128, electron/engine/fs/content-hash.ts) where the
 * bytes were read anyway (staged new files, copied backups); a file moved by rename is identified by size, inode
 * and mtime instead (no re-read). `sha256` is kept for journals written by earlier versions.
 */
export const FileFacts = z.object({
  bytes: z.number(),
  xxh3: z.string().optional(),
  sha256: z.string().optional(),
  mtimeMs: z.number().optional(),
  ino: z.number().optional(),
});
export type FileFacts = z.infer<typeof FileFacts>;

/** One file a transaction changes: where the new bytes come from, where the old ones go, both digests. */
export const JournalFile = z.object({
  target: z.string(),
  source: z.string(),
  action: z.enum(['replace', 'create']),
  /** The file as it was (null for 'create'); sha256 filled in while preparing. */
  before: FileFacts.nullable(),
  /** The new file as staged (null until staged). */
  after: FileFacts.nullable(),
  /** The new file's staging name beside the target (same volume, not *.dll so torch never loads it). */
  staging: z.string(),
  /** Where the old file is kept (null for 'create'). */
  backup: z.string().nullable(),
  /** 'rename': O(1) move on the same volume; 'copy': copied and sha256-checked across volumes. */
  backupMode: z.enum(['rename', 'copy']).nullable(),
  /** The new file's identity once placed (size, mtime, inode): a cheap "changed since?" check for rollback. */
  placed: z.object({ bytes: z.number(), mtimeMs: z.number(), ino: z.number() }).nullable().default(null),
  /** Plain words for the UI, e.g. "cuDNN 8.7.0 → 8.9.7". */
  label: z.string().default(''),
  /**
   * Set when the new bytes are written straight into the staging name by the goal (out of an archive: `source` then
   * names the archive and entry) instead of copied from a file; `bytes` is the size the archive declares.
   */
  produced: z.object({ bytes: z.number() }).optional(),
});
export type JournalFile = z.infer<typeof JournalFile>;

/**
 * A folder a program changes (pip in site-packages and Scripts/bin): the entries captured whole before it runs
 * (electron/engine/tx/tree-steps.ts), where the snapshot lives (beside the root, same volume), and how it was made.
 */
export const JournalTree = z.object({
  root: z.string(),
  /** Relative paths ('/'-separated) captured whole; `existed` false: removed on rollback if the program created it. */
  units: z.array(z.object({ path: z.string(), existed: z.boolean() })),
  snapshot: z.string(),
  /** Where rollback moves what the program left behind (deleted once the journal is closed). */
  displaced: z.string(),
  /** Every other path of the root before the change, one per line. */
  listing: z.string(),
  /** 'link': hard links (O(1) per file); 'copy': the volume refused links. */
  mode: z.enum(['link', 'copy']),
  label: z.string().default(''),
  /** The metadata folders present after commit: a later change to them means "changed since" for a manual rollback. */
  afterMarker: z.array(z.string()).default([]),
});
export type JournalTree = z.infer<typeof JournalTree>;

/** One line of a transaction's log. */
export const TxEvent = z.object({ at: z.string(), state: TxState, note: z.string() });
export type TxEvent = z.infer<typeof TxEvent>;

/** The journal of one transaction: `<dataDir>/transactions/<id>/journal.json`, fsynced before every change. */
export const Journal = z.object({
  schema: z.literal(1),
  id: z.string(),
  goal: z.string(),
  intent: z.string(),
  /** The intent as a message (rendered in the reader's language); null in journals written before messages. */
  intentMsg: Msg.nullable().default(null),
  app: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  state: TxState,
  /** The process running it; recovery leaves a journal alone while that process is alive. */
  pid: z.number(),
  hostname: z.string(),
  /** The owner's start time (Linux /proc/<pid>/stat), so a pid reused after a crash is not taken for it; null where unknown. */
  procStart: z.string().nullable().default(null),
  /** Folders the transaction may change; any file outside them is refused. */
  targetRoots: z.array(z.string()),
  /** The folder every target must really (after links) lie in, e.g. the venv's site-packages; null: the roots only. */
  confinedTo: z.string().nullable().default(null),
  files: z.array(JournalFile),
  /** Folders a program changes (the second kind of change); empty for file-only goals such as dll-swap. */
  trees: z.array(JournalTree).default([]),
  /** The program run while applying (pip), with its pid once started, so recovery can stop it before undoing. */
  program: z.object({ label: z.string(), pid: z.number().nullable(), procStart: z.string().nullable() }).nullable().default(null),
  /** Why it was rolled back (verification failure, a locked file, an interrupted run). */
  reason: z.string().nullable(),
  /** The reason as a message; null where the reason is raw text or the journal predates messages. */
  reasonMsg: Msg.nullable().default(null),
  /** Set when start-up recovery or `torchlift recover` closed it (`noteMsg`: the note as a message). */
  recovery: z.object({ at: z.string(), action: z.enum(['rolled-back', 'completed']), note: z.string(), noteMsg: Msg.nullable().default(null) }).nullable(),
  /** True once the user pruned its backups (rollback no longer possible). */
  pruned: z.boolean().default(false),
  events: z.array(TxEvent),
  /** The verification log (probe output), kept for the UI. */
  verifyLog: z.array(z.string()).default([]),
});
export type Journal = z.infer<typeof Journal>;

/** A language the engine can answer in (the same values as Lang in shared/api/contract.ts, kept here to avoid an import cycle). */
export const TxLang = z.enum(['en', 'ja', 'zh-CN']);
export type TxLang = z.infer<typeof TxLang>;

/** An expected refusal: nothing was touched; what is wrong and how to fix it. */
export const Refusal = z.object({
  code: z.string(),
  message: z.string(),
  fix: z.string(),
  /** The message and fix as messages (shared/i18n/message.ts), to render in any language; absent on older refusals. */
  messageMsg: Msg.optional(),
  fixMsg: Msg.optional(),
});
export type Refusal = z.infer<typeof Refusal>;

/** Free space on one volume against what the transaction needs there. */
export const SpaceCheck = z.object({ path: z.string(), freeBytes: z.number(), neededBytes: z.number() });
export type SpaceCheck = z.infer<typeof SpaceCheck>;

/** One file of a dll-swap plan: old version/size → new. */
export const PlanFile = z.object({
  target: z.string(),
  source: z.string(),
  action: z.enum(['replace', 'create']),
  component: z.string(),
  oldBytes: z.number().nullable(),
  newBytes: z.number(),
  oldVersion: z.string().nullable(),
  newVersion: z.string().nullable(),
});
export type PlanFile = z.infer<typeof PlanFile>;

/** `torchlift plan dll-swap`: every file, the space it needs, the checks, and any refusal. Changes nothing. */
export const DllSwapPlan = z.object({
  goal: z.literal('dll-swap'),
  app: z.string(),
  python: z.string().nullable(),
  libDirs: z.array(z.string()),
  status: z.enum(['ready', 'refused']),
  refusals: z.array(Refusal),
  files: z.array(PlanFile),
  cudnn: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  cuda: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  /** Bytes of the old files kept as backups. */
  backupBytes: z.number(),
  /** Bytes of new files written beside the targets. */
  newBytes: z.number(),
  space: z.array(SpaceCheck),
  /** The ordered steps in plain words. */
  steps: z.array(z.string()),
  /** Things worth knowing about this plan (a file kept as it is, a companion DLL looked up on PATH). */
  notes: z.array(z.string()).optional(),
});
export type DllSwapPlan = z.infer<typeof DllSwapPlan>;

/** Input of planDllSwap / startApply for the dll-swap goal. */
export const DllSwapInput = z.object({
  app: z.string().min(1),
  cudaDir: z.string().min(1).optional(),
  cudnnDir: z.string().min(1).optional(),
  /**
   * Also time the same small workload before the swap and after it (the guided CUDA path's "verify and time it" step):
   * the job's `verify` then carries beforeMs / afterMs. Left out: no timing (the plain DLL swap).
   */
  measure: z.boolean().optional(),
  /** The language of the plan's texts (refusals, steps, notes); English when left out. */
  lang: TxLang.optional(),
});
export type DllSwapInput = z.infer<typeof DllSwapInput>;

/** How a transaction ended. */
export const TxOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('committed'), txId: z.string() }),
  /** `reasonMsg`: the reason as a message (absent where it is raw text). */
  z.object({ kind: z.literal('rolled-back'), txId: z.string(), reason: z.string(), reasonMsg: Msg.optional() }),
  /** The rollback itself was stopped (a file still locked): the journal stays open for `torchlift recover`. */
  z.object({ kind: z.literal('rollback-incomplete'), txId: z.string(), reason: z.string(), reasonMsg: Msg.optional() }),
  z.object({ kind: z.literal('refused'), refusals: z.array(Refusal) }),
]);
export type TxOutcome = z.infer<typeof TxOutcome>;

/** Per-file progress of a running apply. */
export const JobFile = z.object({
  target: z.string(),
  bytes: z.number(),
  doneBytes: z.number(),
  state: z.enum(['pending', 'staging', 'staged', 'placed', 'restored']),
});
export type JobFile = z.infer<typeof JobFile>;

/** Progress of one download in a running job. */
export const JobDownload = z.object({
  name: z.string(),
  url: z.string(),
  bytes: z.number().nullable(),
  doneBytes: z.number(),
  /** Bytes per second over the last few seconds. */
  speed: z.number(),
  /** Seconds left at that speed; null while unknown. */
  etaSeconds: z.number().nullable(),
  state: z.enum(['pending', 'cached', 'downloading', 'verifying', 'done', 'failed']),
});
export type JobDownload = z.infer<typeof JobDownload>;

/** One check of the verification run in the install's Python. */
export const VerifyCheck = z.object({
  /** The check's id (import, cuda, matmul, conv, cudnn-version, …). */
  name: z.string(),
  ok: z.boolean(),
  /** What it found, in the requested language (raw probe output where no catalog text applies). */
  detail: z.string(),
  /** The detail as a message, to render in any language; absent where the detail is raw probe output. */
  detailMsg: Msg.optional(),
});
export type VerifyCheck = z.infer<typeof VerifyCheck>;

/** The before/after timing of the same small workload, and every check. */
export const VerifyReport = z.object({
  checks: z.array(VerifyCheck),
  /** Milliseconds of the timed workload before and after (null where it could not run, e.g. no GPU). */
  beforeMs: z.number().nullable(),
  afterMs: z.number().nullable(),
  /** Plain words: "1.8× faster", "no measurable change", "could not be measured: …". */
  speedup: z.string(),
  /**
   * The engine's verdict on the timing, which `speedup` words in English and the UI words in its language: 'faster' /
   * 'slower' by `ratio` (≥ 1, one decimal), 'same' within 10%, 'not-measured' without both timings.
   */
  change: z.object({ kind: z.enum(['faster', 'slower', 'same', 'not-measured']), ratio: z.number().nullable() }).optional(),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

/** An apply job, polled by getJob (same over IPC and HTTP). */
export const Job = z.object({
  id: z.string(),
  goal: z.string(),
  status: z.enum(['running', 'committed', 'rolled-back', 'refused', 'failed']),
  phase: z.string(),
  txId: z.string().nullable(),
  files: z.array(JobFile),
  /** The install the job works on (so a reloaded window can find its job), null where none. */
  app: z.string().nullable().default(null),
  /** Downloads of the job (torch-upgrade wheels, NVIDIA archives), with speed and ETA. */
  downloads: z.array(JobDownload).default([]),
  /** The verification's checks and before/after timing, once it ran. */
  verify: VerifyReport.nullable().default(null),
  /** "rolled back: <reason>", a refusal, or "committed". */
  message: z.string(),
  /** The message as a message (key + params), to render in any language; null where it is raw text. */
  messageMsg: Msg.nullable().optional(),
  result: TxOutcome.nullable(),
  log: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof Job>;

/** One row of `torchlift history`. */
export const HistoryEntry = z.object({
  id: z.string(),
  goal: z.string(),
  intent: z.string(),
  app: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When it ran (CONTRACT.md `time`; the same instant as createdAt). */
  time: z.string(),
  /** CONTRACT.md `state`: committed, rolled-back, recovered (closed by recovery), or open (another process is running it). */
  state: z.enum(['committed', 'rolled-back', 'recovered', 'open']),
  /** The same as `state` (kept for the UI). */
  status: z.enum(['committed', 'rolled-back', 'recovered', 'open']),
  /** The journal's own state machine value (planned … committed, rolling-back, rolled-back). */
  journalState: TxState,
  reason: z.string().nullable(),
  recoveryNote: z.string().nullable(),
  /** The intent, reason and recovery note as messages (null: show the string as stored, e.g. an older journal). */
  intentMsg: Msg.nullable().optional(),
  reasonMsg: Msg.nullable().optional(),
  recoveryNoteMsg: Msg.nullable().optional(),
  files: z.array(z.object({ target: z.string(), action: z.enum(['replace', 'create']), beforeBytes: z.number().nullable(), afterBytes: z.number().nullable(), label: z.string() })),
  backupBytes: z.number(),
  rollbackAvailable: z.boolean(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Result of a manual rollback. */
export const RollbackResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rolled-back'), txId: z.string(), files: z.number() }),
  z.object({ kind: z.literal('refused'), refusals: z.array(Refusal) }),
]);
export type RollbackResult = z.infer<typeof RollbackResult>;

/** What recovery did for one open journal. */
export const RecoveryNote = z.object({
  txId: z.string(),
  action: z.enum(['rolled-back', 'completed', 'skipped', 'failed']),
  note: z.string(),
  /** The note as a message, to render in any language. */
  noteMsg: Msg.optional(),
});
export type RecoveryNote = z.infer<typeof RecoveryNote>;
