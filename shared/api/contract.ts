import { z } from 'zod';
import { DetectReport } from '../schemas/detect.js';
import { Msg } from '../i18n/message.js';
import { DoctorReport } from '../schemas/doctor.js';
import type { ApiCallName } from './calls.js';
import { appContract } from './app-contract.js';
import { txContract } from './tx-contract.js';
import type { ApiResult } from './result.js';

/** Languages the UI and finding texts are written in. */
export const Lang = z.enum(['en', 'ja', 'zh-CN']);
export type Lang = z.infer<typeof Lang>;

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'web', 'cli']),
  platform: z.enum(['windows', 'linux', 'macos']),
  dataDir: z.string(),
  lang: Lang,
  /** What start-up recovery did, in plain words (empty when nothing was open). */
  recoveryNotes: z.array(z.string()),
  /** The same notes as messages (one per note; null: raw text), rendered in the language on screen. */
  recoveryNoteMsgs: z.array(Msg.nullable()).optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * The one API contract used by all three hosts (Electron IPC, the web host, the CLI's in-process calls).
 * Each entry: the input schema (validated by the host before the engine sees it) and the output schema.
 */
export const apiContract = {
  appInfo: { input: z.object({ lang: Lang.optional() }), output: AppInfo },
  detect: {
    input: z.object({
      apps: z.array(z.string()).default([]),
      /** false: the quick report (no interpreter started); true: with import probes. */
      probe: z.boolean().default(true),
      lang: Lang.optional(),
    }),
    output: DetectReport,
  },
  doctor: {
    input: z.object({ text: z.string().max(2_000_000), lang: Lang.optional() }),
    output: DoctorReport,
  },
  ...txContract,
  ...appContract,
} satisfies Record<ApiCallName, { input: z.ZodType; output: z.ZodType }>;

export type ApiContract = typeof apiContract;
export type ApiInput<N extends ApiCallName> = z.input<ApiContract[N]['input']>;
export type ApiParsedInput<N extends ApiCallName> = z.output<ApiContract[N]['input']>;
export type ApiOutput<N extends ApiCallName> = z.output<ApiContract[N]['output']>;

/** What the renderer sees: one async function per call, each answering with an ApiResult envelope. */
export type TorchliftApi = { [N in ApiCallName]: (input: ApiInput<N>) => Promise<ApiResult<ApiOutput<N>>> };

/** What a host implements: one handler per call, given validated input. Expected failures throw HandlerError. */
export type ApiHandlers = { [N in ApiCallName]: (input: ApiParsedInput<N>) => Promise<ApiOutput<N>> };
