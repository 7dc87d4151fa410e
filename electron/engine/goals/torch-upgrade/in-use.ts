import fs from 'node:fs/promises';
import path from 'node:path';
import { run } from '../../process/run.js';

/** A live process that holds the install: its pid and how we know. */
export interface InUse {
  pid: number;
  why: string;
}

/**
 * Live processes running this install: on Linux, any process whose argv[0] is the install's interpreter or whose
 * memory maps files under its site-packages (a running web UI maps torch's libraries); on Windows, any process whose
 * executable is the install's python.exe (locked files under torch\lib are caught again when pip runs).
 */
export async function processesUsing(args: { python: string; sitePackages: string; platform: 'windows' | 'linux' | 'macos' }): Promise<InUse[]> {
  if (process.platform === 'linux') return linuxUsers(args.python, args.sitePackages);
  if (process.platform === 'win32') return windowsUsers(args.python);
  return [];
}

async function linuxUsers(python: string, sitePackages: string): Promise<InUse[]> {
  const want = path.resolve(python);
  const site = await fs.realpath(sitePackages).catch(() => path.resolve(sitePackages));
  const out: InUse[] = [];
  let pids: string[] = [];
  try {
    pids = (await fs.readdir('/proc')).filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid);
  } catch {
    return out;
  }
  for (const pid of pids) {
    const [cmdline, cwd] = await Promise.all([
      fs.readFile(`/proc/${pid}/cmdline`).catch(() => null),
      fs.readlink(`/proc/${pid}/cwd`).catch(() => null),
    ]);
    const argv0 = cmdline?.toString('utf8').split('\0')[0] ?? '';
    if (argv0 !== '' && path.resolve(cwd ?? '/', argv0) === want) {
      out.push({ pid: Number(pid), why: `runs ${want}` });
      continue;
    }
    const maps = await fs.readFile(`/proc/${pid}/maps`, 'utf8').catch(() => '');
    if (maps.includes(`${site}/`)) out.push({ pid: Number(pid), why: `has files of ${site} open` });
  }
  return out;
}

async function windowsUsers(python: string): Promise<InUse[]> {
  const want = path.resolve(python).toLowerCase();
  const r = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', 'Get-CimInstance Win32_Process | ForEach-Object { "$($_.ProcessId)`t$($_.ExecutablePath)" }'], { name: 'process list', timeoutMs: 15_000 });
  if (!r.ok) return [];
  return r.stdout.split(/\r?\n/).flatMap((line) => {
    const [pid, exe] = line.split('\t');
    return pid && exe && path.resolve(exe).toLowerCase() === want ? [{ pid: Number(pid), why: `runs ${exe}` }] : [];
  });
}
