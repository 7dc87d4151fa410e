import fs from 'node:fs';
import path from 'node:path';
import type { AppCallName } from '../../../shared/api/app-contract.js';
import type { ApiHandlers, Lang } from '../../../shared/api/contract.js';
import type { DetectReport } from '../../../shared/schemas/detect.js';
import { langFromEnv } from '../../../shared/i18n/lang.js';
import { dataDir } from '../data-dir.js';
import { detect } from '../detect/detect.js';
import { diagnoseReport } from '../doctor/diagnose-report.js';
import { doctorText } from '../doctor/doctor-text.js';
import { txHandlers } from '../goals/tx-handlers.js';
import { english, msgOf, refusal, textIn, type Text } from '../i18n/engine-text.js';
import { persistJobLogs } from '../log/job-log.js';
import { initLogging, logger } from '../log/logger.js';
import { packageRoot } from '../package-root.js';
import { currentPlatform } from '../platform.js';
import { recommendForInstall } from '../recommend/for-install.js';
import type { PureRunner } from '../worker/pure-runner.js';
import { appHandlers } from '../settings/app-handlers.js';
import { HandlerError } from './handler-error.js';

/** Who is serving the API; shown in About and used for host-specific wording. */
export type HostKind = 'electron' | 'web' | 'cli';

/** Dependencies of the handlers, injected so tests can point them at a simulated machine. */
export interface HandlerContext {
  host: HostKind;
  env: NodeJS.ProcessEnv;
  /** Notes from start-up recovery, shown once in the UI. */
  recoveryNotes?: Text[];
  /**
   * Where CPU-heavy pure calls (the doctor) run: hosts that serve many calls (web, Electron) pass a worker-backed
   * runner so one long paste never stalls another call; without one they run in-process (the CLI).
   */
  pure?: PureRunner;
}

/** The engine behind the one API: every host (Electron IPC, web, CLI) calls these. */
export function createHandlers(ctx: HandlerContext): ApiHandlers {
  const env = ctx.env;
  const defaultLang = (): Lang => langFromEnv(env);
  // The last scan: the paste box reasons about pasted text together with the machine it runs on.
  let lastScan: DetectReport | null = null;
  // One rotated log in <dataDir>/logs for every host; each finished job's log is kept beside its transaction.
  if (initLogging(dataDir(env), ctx.host)) {
    persistJobLogs(dataDir(env));
    for (const note of ctx.recoveryNotes ?? []) logger.info(`recovery: ${english(note)}`);
  }
  const handlers: Omit<ApiHandlers, AppCallName> = {
    async appInfo(input) {
      const lang = input.lang ?? defaultLang();
      return {
        version: readVersion(),
        host: ctx.host,
        platform: currentPlatform(env),
        dataDir: dataDir(env),
        lang: defaultLang(),
        recoveryNotes: (ctx.recoveryNotes ?? []).map((note) => textIn(lang, note)),
        recoveryNoteMsgs: (ctx.recoveryNotes ?? []).map((note) => msgOf(note)),
      };
    },
    async detect(input) {
      const apps = input.apps.map((app) => checkAppFolder(app, input.lang ?? defaultLang()));
      const detected = await detect({ apps, probe: input.probe, env });
      // Each install's recommendation (its card); the doctor's fixes offer the same builds.
      const report = { ...detected, installs: detected.installs.map((i) => ({ ...i, recommendation: recommendForInstall(detected, i, env) })) };
      lastScan = report;
      return { ...report, findings: diagnoseReport(report, input.lang ?? defaultLang(), env) };
    },
    async doctor(input) {
      const lang = input.lang ?? defaultLang();
      if (ctx.pure) return ctx.pure.call('doctor', { text: input.text, lang, env: { ...env }, machine: lastScan });
      return doctorText(input.text, lang, env, { machine: lastScan });
    },
    ...txHandlers(env),
  };
  return { ...handlers, ...appHandlers({ env, host: ctx.host, version: readVersion, defaultLang, detect: handlers.detect, history: handlers.history }) };
}

/** Refuses an --app that is not a folder, naming it and the fix (bad input changes nothing). */
export function checkAppFolder(app: string, lang: Lang = 'en'): string {
  const resolved = path.resolve(app);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(resolved);
  } catch {
    stat = undefined;
  }
  if (!stat) {
    throw new HandlerError(refusal({ lang, code: 'app-not-found', params: { path: resolved } }));
  }
  if (!stat.isDirectory()) {
    throw new HandlerError(refusal({ lang, code: 'app-not-a-folder', params: { path: resolved } }));
  }
  return resolved;
}

let version: string | null = null;
function readVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
