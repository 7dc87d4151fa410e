import fs from 'node:fs';
import path from 'node:path';
import baseLog from 'electron-log/node';

/** Who writes a log line; each host tags its lines so one file can hold all three. */
export type LogHost = 'electron' | 'web' | 'cli';

/** The rotated log files live in `<dataDir>/logs/`: torchlift.log, then torchlift.1.log (older) … torchlift.4.log. */
export const LOG_FILE = 'torchlift.log';
const KEEP_ARCHIVES = 4;
const MAX_BYTES = 1024 * 1024;

/** `<dataDir>/logs`. */
export function logsDir(dataDir: string): string {
  return path.join(dataDir, 'logs');
}

// One logger for the whole process (electron-log's Node entry: no Electron in the engine). Until a host calls
// initLogging, nothing is written anywhere (tests and library use stay silent).
const log = baseLog.create({ logId: 'torchlift' });
log.transports.console.level = false;
log.transports.file.level = false;
log.transports.file.maxSize = MAX_BYTES;
log.transports.file.archiveLogFn = (file) => rotate(file.toString());
let current: { dataDir: string; host: LogHost } | null = null;

/** Keeps KEEP_ARCHIVES older files: torchlift.log → torchlift.1.log → … → torchlift.4.log (the oldest is dropped). */
function rotate(file: string): void {
  const { dir, name, ext } = path.parse(file);
  const nth = (n: number) => path.join(dir, `${name}.${n}${ext}`);
  try {
    fs.rmSync(nth(KEEP_ARCHIVES), { force: true });
    for (let n = KEEP_ARCHIVES - 1; n >= 1; n--) if (fs.existsSync(nth(n))) fs.renameSync(nth(n), nth(n + 1));
    fs.renameSync(file, nth(1));
  } catch {
    // Another process rotated first, or the file is locked: keep appending to the current one.
  }
}

/**
 * Starts writing the log file of this host in `<dataDir>/logs/`. Returns false (and logs nowhere) when the folder
 * cannot be created — the data folder check of each call reports that to the user; logging must never fail a call.
 */
export function initLogging(dataDir: string, host: LogHost): boolean {
  if (current?.dataDir === dataDir && current.host === host) return true;
  try {
    fs.mkdirSync(logsDir(dataDir), { recursive: true });
  } catch {
    log.transports.file.level = false;
    current = null;
    return false;
  }
  log.transports.file.resolvePathFn = () => path.join(logsDir(dataDir), LOG_FILE);
  log.transports.file.format = `[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] [${host}] {text}`;
  log.transports.file.level = 'info';
  current = { dataDir, host };
  return true;
}

/** The folder logs are written to now, or null before initLogging. */
export function currentLogsDir(): string | null {
  return current ? logsDir(current.dataDir) : null;
}

/** Writes one line (no-op until initLogging). */
export const logger = {
  info: (...parts: unknown[]): void => log.info(...parts),
  warn: (...parts: unknown[]): void => log.warn(...parts),
  error: (...parts: unknown[]): void => log.error(...parts),
};
