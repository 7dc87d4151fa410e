import os from 'node:os';
import type { DetectReport } from '../../../shared/schemas/detect.js';
import type { HistoryEntry } from '../../../shared/schemas/tx.js';
import type { Lang } from '../i18n/translate.js';
import { st } from '../settings/text.js';

/** What goes into a report (gathered by the API handler so every host writes the same file). */
export interface ReportInput {
  lang: Lang;
  version: string;
  host: string;
  now: Date;
  scan: DetectReport | { error: string };
  history: HistoryEntry[] | { error: string };
  logLines: string[];
}

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const fence = (lines: string[], lang = ''): string[] => {
  const body = lines.join('\n');
  // A fence longer than any backtick run inside, so pasted logs cannot end it early.
  const ticks = '`'.repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return [`${ticks}${lang}`, ...lines, ticks];
};

/** The report's file name: `torchlift-report-YYYYMMDD-HHMMSS.md` (local time). */
export function reportFileName(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `torchlift-report-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.md`;
}

/**
 * One Markdown file for a forum post or a bug report: the scan (machine, installs), findings with their fixes, each
 * install's recommendation, the transaction history and the recent log, then the full scan as JSON in a folded block.
 */
export function buildReportMarkdown(r: ReportInput): string {
  const s = (key: string, params?: Record<string, string | number>) => st(r.lang, `report.${key}`, params);
  const out: string[] = [`# ${s('title')}`, ''];
  out.push(`- **${s('version')}:** TorchLift ${r.version} (${r.host}), Node ${process.version}, ${os.platform()} ${os.release()} ${os.arch()}`);
  out.push(`- **${s('created')}:** ${r.now.toISOString()}`, '');

  out.push(`## ${s('scan')}`, '');
  if ('error' in r.scan) out.push(s('failed', { error: r.scan.error }), '');
  else {
    const scan = r.scan;
    for (const gpu of scan.gpus) out.push(`- **${s('gpu')}:** ${gpu.name}${gpu.memoryTotalMiB != null ? `, ${gpu.memoryTotalMiB} MiB` : ''}${gpu.computeCapability ? `, CC ${gpu.computeCapability}` : ''}`);
    if (scan.gpus.length === 0) out.push(`- **${s('gpu')}:** ${s('none')}`);
    out.push(`- **${s('driver')}:** ${scan.driver.version ?? '—'} (${scan.driver.status}${scan.driver.maxCudaVersion ? `, CUDA ≤ ${scan.driver.maxCudaVersion}` : ''})`);
    const kits = scan.toolkits.map((k) => `${k.version}${k.nvcc ? ' (nvcc)' : ''}${k.cudnn ? `, cuDNN ${k.cudnn.version}` : ''} ${code(k.path)}`);
    out.push(`- **${s('toolkits')}:** ${kits.length > 0 ? kits.join('; ') : s('none')}`, '');
    out.push(`### ${s('installs')}`, '');
    if (scan.installs.length === 0) out.push(s('none'), '');
    for (const install of scan.installs) {
      const torch = install.torch;
      out.push(`#### ${install.kind} — ${code(install.path)}`, '', '| | |', '|---|---|');
      const rows: Array<[string, string]> = [
        ['Python', install.python?.version ?? '—'],
        ['torch', torch ? `${torch.version} (CUDA ${torch.cudaVersion ?? '—'}, cuDNN ${torch.cudnnVersion ?? '—'}, GPU ${torch.cudaAvailable === null ? '?' : torch.cudaAvailable ? 'yes' : 'no'})` : '—'],
        ['torchvision', install.torchvision?.version ?? '—'],
        ['xformers', install.xformers?.version ?? '—'],
      ];
      if (install.probe) rows.push(['probe', `${install.probe.state}${install.probe.message ? `: ${install.probe.message}` : ''}`]);
      const rec = install.recommendation;
      if (rec) {
        const best = rec.best ? `torch ${rec.best.torch}${rec.best.xformers ? `, xformers ${rec.best.xformers}` : ''} (${rec.best.indexUrl})` : '—';
        rows.push([s('recommendation'), `${rec.status}: ${best}${rec.unconfirmed ? ` (${s('unconfirmed')})` : ''}`]);
      }
      out.push(...rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`), '');
      if (rec?.best) out.push(...fence([`python -m pip ${rec.best.pipCommand.join(' ')}`], 'sh'), '');
    }
    out.push(`## ${s('findings')}`, '');
    if (scan.findings.length === 0) out.push(s('noFindings'), '');
    for (const f of scan.findings) {
      out.push(`- **${f.severity}: ${f.title}** (${code(f.code)})${f.installPath ? ` — ${code(f.installPath)}` : ''}`);
      if (f.detail) out.push(`  - ${f.detail.replace(/\r?\n/g, ' ')}`);
      if (f.fix) out.push(`  - ${s('fix')}: ${f.fix.replace(/\r?\n/g, ' ')}`);
    }
    out.push('');
  }

  out.push(`## ${s('history')}`, '');
  if ('error' in r.history) out.push(s('failed', { error: r.history.error }), '');
  else if (r.history.length === 0) out.push(s('none'), '');
  else {
    out.push(`| id | goal | ${s('time')} | state | ${s('files')} |`, '|---|---|---|---|---|');
    for (const h of r.history) out.push(`| ${cell(h.id)} | ${cell(h.goal)} | ${cell(h.time)} | ${cell(h.state)}${h.reason ? `: ${cell(h.reason)}` : ''} | ${h.files.length} |`);
    out.push('');
  }

  out.push(`## ${s('logs', { count: r.logLines.length })}`, '');
  out.push(...(r.logLines.length > 0 ? fence(r.logLines) : [s('none')]), '');

  if (!('error' in r.scan)) {
    out.push(`<details><summary>${s('json')}</summary>`, '', ...fence([JSON.stringify(r.scan, null, 2)], 'json'), '', '</details>', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * Replaces the home folder and the user name in paths with `~` and `<user>` (also in JSON-escaped Windows paths),
 * so a report can be posted without revealing who wrote it.
 */
export function anonymize(text: string, who: { home: string; user: string }): string {
  let out = text;
  const homes = new Set([who.home, who.home.replace(/\\/g, '/'), who.home.replace(/\//g, '\\'), who.home.replace(/\\/g, '\\\\')]);
  for (const home of [...homes].filter((h) => h.length > 1).sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(home), 'gi'), '~');
  }
  if (who.user.length >= 2) {
    // The user name as a path segment elsewhere (C:\Users\<name>, /home/<name> on another drive, \\server\<name>).
    const u = escapeRegExp(who.user);
    out = out.replace(new RegExp(`(^|[\\\\/:\\s"'(])${u}(?=[\\\\/"'\\s),:]|$)`, 'gim'), '$1<user>');
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** This machine's home folder and user name. */
export function currentIdentity(env: NodeJS.ProcessEnv = process.env): { home: string; user: string } {
  let user = env.USERNAME ?? env.USER ?? '';
  try {
    user ||= os.userInfo().username;
  } catch {
    // No passwd entry (containers): the home folder alone.
  }
  return { home: env.USERPROFILE ?? env.HOME ?? os.homedir(), user };
}
