import fs from 'node:fs';
import path from 'node:path';
import type { AppCallName } from '../../../shared/api/app-contract.js';
import type { ApiHandlers, Lang } from '../../../shared/api/contract.js';
import { dataDir } from '../data-dir.js';
import { listLogFiles, recentLogLines } from '../log/log-files.js';
import { logsDir } from '../log/logger.js';
import { anonymize, buildReportMarkdown, currentIdentity, reportFileName } from '../log/report.js';
import { packageRoot } from '../package-root.js';
import { listFolders } from './folders.js';
import { bundledLicences } from './licences.js';
import { loadSettings, saveSettings, settingsFile } from './settings.js';
import { backupsDir, cacheDir, folderBytes, pruneCache } from './storage.js';
import { settingsRefusal } from './text.js';

/** What the app calls need from the rest of the engine (the report runs the same detect and history as the UI). */
export interface AppHandlerDeps {
  env: NodeJS.ProcessEnv;
  host: string;
  version: () => string;
  defaultLang: () => Lang;
  detect: ApiHandlers['detect'];
  history: ApiHandlers['history'];
}

/** Settings, about, logs, the report and the folder browser, for every host. `pickFolder` is the Electron host's. */
export function appHandlers(deps: AppHandlerDeps): Pick<ApiHandlers, AppCallName> {
  const dir = () => dataDir(deps.env);
  const langOf = (input: { lang?: Lang }): Lang => input.lang ?? loadSettings(dir()).lang ?? deps.defaultLang();
  return {
    async getSettings() {
      return loadSettings(dir());
    },
    async setSettings(input) {
      const folder = input.settings.localWheelDir;
      if (folder !== null) {
        const resolved = path.resolve(folder);
        if (!isDirectory(resolved)) throw settingsRefusal(langOf(input), 'wheel-folder-missing', { path: resolved });
        input.settings.localWheelDir = resolved;
      }
      try {
        return saveSettings(dir(), input.settings);
      } catch (error) {
        throw settingsRefusal(langOf(input), 'settings-not-saved', { path: settingsFile(dir()), code: (error as NodeJS.ErrnoException).code ?? String(error) });
      }
    },
    async about() {
      const data = dir();
      const [logs, backups, cache] = await Promise.all([logsDir(data), backupsDir(data), cacheDir(data)].map(async (p) => ({ path: p, bytes: await folderBytes(p) })));
      return {
        version: deps.version(),
        node: process.versions.node,
        electron: process.versions.electron ?? null,
        dataDir: data,
        settingsFile: settingsFile(data),
        logs: logs!,
        backups: backups!,
        cache: cache!,
        licences: bundledLicences(packageRoot()),
      };
    },
    async pruneCache() {
      return { freedBytes: await pruneCache(dir()) };
    },
    async readLogs(input) {
      const data = dir();
      return { dir: logsDir(data), files: await listLogFiles(data), lines: await recentLogLines(data, input.maxLines) };
    },
    async buildReport(input) {
      const lang = langOf(input);
      const now = new Date();
      const scan = await deps.detect({ apps: [], probe: true, lang }).catch((error: unknown) => ({ error: messageOf(error) }));
      const history = await deps.history({ lang }).then((h) => h.entries, (error: unknown) => ({ error: messageOf(error) }));
      const text = buildReportMarkdown({ lang, version: deps.version(), host: deps.host, now, scan, history, logLines: await recentLogLines(dir(), 200) });
      return { fileName: reportFileName(now), text: input.anonymize ? anonymize(text, currentIdentity(deps.env)) : text };
    },
    async listFolders(input) {
      return listFolders(input.path, langOf(input), { home: deps.env.USERPROFILE ?? deps.env.HOME });
    },
    async pickFolder() {
      // Only the Electron host has a system dialog; it replaces this handler (electron/main/main.ts).
      return { supported: false, path: null };
    },
  };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
