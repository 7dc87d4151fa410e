import fs from 'node:fs/promises';
import path from 'node:path';
import { logsDir } from './logger.js';

export interface LogFileInfo {
  name: string;
  bytes: number;
  modified: string;
}

/** The log files in `<dataDir>/logs/`, newest first (missing folder: none). */
export async function listLogFiles(dataDir: string): Promise<LogFileInfo[]> {
  const dir = logsDir(dataDir);
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith('.log'));
  } catch {
    return [];
  }
  const files: LogFileInfo[] = [];
  for (const name of names) {
    try {
      const stat = await fs.stat(path.join(dir, name));
      if (stat.isFile()) files.push({ name, bytes: stat.size, modified: stat.mtime.toISOString() });
    } catch {
      // Rotated away meanwhile.
    }
  }
  return files.sort((a, b) => b.modified.localeCompare(a.modified) || a.name.localeCompare(b.name));
}

/** The last `max` lines across the log files, oldest first (reads newest files first until it has enough). */
export async function recentLogLines(dataDir: string, max: number): Promise<string[]> {
  const lines: string[] = [];
  for (const file of await listLogFiles(dataDir)) {
    let text: string;
    try {
      text = await fs.readFile(path.join(logsDir(dataDir), file.name), 'utf8');
    } catch {
      continue;
    }
    const fileLines = text.split(/\r?\n/).filter((l) => l !== '');
    lines.unshift(...fileLines.slice(-(max - lines.length)));
    if (lines.length >= max) break;
  }
  return lines;
}
